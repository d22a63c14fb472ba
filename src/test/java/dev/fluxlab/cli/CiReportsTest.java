package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.ops.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a CI job keeps: check's JUnit/Markdown/diagnostics, run's JUnit on a user's repo. */
class CiReportsTest {
  @TempDir Path state;
  @TempDir Path out;

  private final Path consumer = Fixtures.get("example-consumer");

  @Test
  void aPassingCheckWritesOneGreenTestcasePerFluxObjectAndAMarkdownVerdict() throws IOException {
    CliRun run =
        CliRun.of(
            "check",
            "--set",
            "backend=embedded",
            "--set",
            "state.dir=" + state,
            "--repo",
            consumer.toString(),
            "--path",
            "deploy/clusters/dev",
            "--junit",
            out.resolve("junit.xml").toString(),
            "--markdown",
            out.resolve("summary.md").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(out.resolve("junit.xml"))
        .content()
        .contains(
            "<testsuite name=\"fluxlab check deploy/clusters/dev\" tests=\"4\" failures=\"0\">")
        .contains(
            "<testcase classname=\"fluxlab.check.dev\" name=\"Kustomization/flux-system/web\"/>")
        .doesNotContain("<failure");
    assertThat(out.resolve("summary.md"))
        .content()
        .startsWith("### fluxlab check `deploy/clusters/dev`: passed\n")
        .contains("| dev | Kustomization/flux-system/platform | True |");
  }

  @Test
  void scenariosOfAUsersRepositoryRunAgainstThatRepository() {
    CliRun run =
        CliRun.of(
            "run",
            "--set",
            "backend=embedded",
            "--set",
            "state.dir=" + state,
            "--repo",
            consumer.toString(),
            "--path",
            "deploy/clusters/dev",
            consumer.resolve("scenarios/greeting-change.yaml").toString(),
            "--junit",
            out.resolve("scenarios.xml").toString(),
            "--html",
            out.resolve("scenarios.html").toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("1 passed, 0 failed");
    assertThat(out.resolve("scenarios.xml"))
        .content()
        .contains("<testsuite name=\"greeting-change\" tests=\"3\" failures=\"0\"");
    assertThat(out.resolve("scenarios.html"))
        .content()
        .contains("<title>fluxlab scenarios: 1 passed, 0 failed</title>")
        .contains("<a href=\"#scenario-1\">greeting-change</a></td><td class=\"result\">passed");
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void repoAndAttachTogetherAreBadInput() {
    CliRun run =
        CliRun.of(
            "run",
            "--attach",
            "--repo",
            consumer.toString(),
            "--path",
            "deploy/clusters/dev",
            "new-release");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo(
            "fluxlab: --repo seeds a fresh environment; --attach runs on the running one: use one of them");
  }
}
