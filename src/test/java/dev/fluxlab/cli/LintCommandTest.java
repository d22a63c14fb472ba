package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
  @Test
  void everyShippedScenarioIsValid() {
    CliRun run = CliRun.of("lint", "all");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("ok   drift-correction").contains(" 0 invalid");
  }

  @Test
  void aTypoIsAUsageErrorNamingFileStepAndField(@TempDir Path dir) throws IOException {
    Path good =
        Files.writeString(
            dir.resolve("good.yaml"), "name: g\nsteps:\n  - reconcile: {kind: ks, name: a}\n");
    Path typo =
        Files.writeString(
            dir.resolve("typo.yaml"),
            "name: t\nsteps:\n  - reconcile: {kind: ks, name: a}\n"
                + "  - assert: {kind: ks, name: a, field: spec.path, equal: ./x}\n");

    CliRun run = CliRun.of("lint", good.toString(), typo.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.out()).contains("ok   " + good).contains("1 valid, 1 invalid");
    assertThat(run.err().strip())
        .isEqualTo("fluxlab: " + typo + ": step 2: unknown field 'assert.equal'");
  }

  @Test
  void runRefusesAnInvalidScenarioBeforeDeployingAnything(@TempDir Path dir) throws IOException {
    Path typo =
        Files.writeString(
            dir.resolve("typo.yaml"),
            "name: t\nsteps:\n  - wait: {kind: ks, name: a, redy: true}\n");

    CliRun run = CliRun.of("run", "--set", "state.dir=" + dir.resolve("state"), typo.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains(typo + ": step 1: unknown field 'wait.redy'");
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void anUnknownFieldOfALogsStepIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
    Path typo =
        Files.writeString(
            dir.resolve("logs.yaml"),
            "name: t\nsteps:\n  - try:\n      - script: {content: \"exit 1\"}\n"
                + "    catch:\n      - logs: {namespace: podinfo, selector: app=podinfo, lines: 5}\n");

    CliRun run = CliRun.of("lint", typo.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo("fluxlab: " + typo + ": step 1: unknown field 'catch.0.logs.lines'");
  }
}
