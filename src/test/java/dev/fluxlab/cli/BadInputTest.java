package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.ops.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Bad input on the command line: refused at once, in one line naming the flag or setting and where
 * it came from, with exit code 2 and nothing created.
 */
class BadInputTest {
  @TempDir Path state;

  @Test
  void everySubcommandHasHelp() {
    CommandLine cli =
        Cli.create(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter()));
    assertThat(cli.getSubcommands()).isNotEmpty();
    for (var sub : cli.getSubcommands().entrySet()) {
      assertHelp(sub.getKey());
      for (String nested : sub.getValue().getSubcommands().keySet()) {
        assertHelp(sub.getKey() + " " + nested);
      }
    }
  }

  private static void assertHelp(String command) {
    String[] args = (command + " --help").split(" ");
    CliRun run = CliRun.of(args);

    assertThat(run.exitCode()).as(command + ": " + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).as(command).startsWith("Usage: fluxlab " + command);
  }

  @Test
  void aStateDirThatIsAFileIsRefusedNamingTheSetting() {
    CliRun run = CliRun.of("status", "--set", "state.dir=/etc/passwd");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo(
            "fluxlab: setting 'state.dir' (from --set): /etc/passwd cannot hold environments: it is"
                + " not a directory");
  }

  @Test
  void anUnknownBenchBackendIsRefusedBeforeAnythingStarts() throws IOException {
    CliRun run = CliRun.of("bench", "--backends", "embedded,kind", "--set", "state.dir=" + state);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo("fluxlab: --backends kind: expected embedded, kube-node, kube-local or k3s");
    try (var created = Files.list(state)) {
      assertThat(created).isEmpty();
    }
  }

  @Test
  void aBadNameSaysItCameFromTheNameOption() {
    CliRun run = CliRun.of("status", "--set", "state.dir=" + state, "--name", "../x");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("fluxlab: setting 'env.name' (from --name): '../x' must be");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/etc", "deploy/../../other", ".", "../..", "./", ""})
  void aPathOutsideTheRepositoryOrItsRootIsRefusedAtOnce(String path) {
    for (String command : new String[] {"check", "deploy"}) {
      CliRun run =
          CliRun.of(
              command,
              "--set",
              "state.dir=" + state,
              "--repo",
              Fixtures.get("multi-cluster").toString(),
              "--path",
              path);

      assertThat(run.exitCode()).as(command + " " + run.err()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err().lines()).hasSize(1);
      assertThat(run.err()).startsWith("fluxlab: --path " + path + ":");
    }
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void aPathThatIsALinkLeavingTheRepositoryIsRefused(@TempDir Path repo, @TempDir Path outside)
      throws IOException {
    Files.createDirectories(repo.resolve("clusters"));
    Files.createSymbolicLink(repo.resolve("clusters/dev"), outside);

    CliRun run =
        CliRun.of(
            "check",
            "--set",
            "state.dir=" + state,
            "--repo",
            repo.toString(),
            "--path",
            "clusters/dev");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("fluxlab: --path clusters/dev: is a link that leaves");
  }

  /** A repository whose only fault is final: `check` says which object and why, without waiting. */
  @ParameterizedTest
  @ValueSource(strings = {"invalid-yaml", "unknown-kind", "missing-kustomization-resource"})
  void checkReportsAFinalFailureWithoutWaitingOutTheTimeout(String fault, @TempDir Path repo)
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("clusters/dev"));
    switch (fault) {
      case "invalid-yaml" ->
          Files.writeString(dir.resolve("app.yaml"), "kind: ConfigMap\ndata: [x\n");
      case "unknown-kind" ->
          Files.writeString(
              dir.resolve("app.yaml"),
              "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\n");
      default ->
          Files.writeString(
              dir.resolve("kustomization.yaml"),
              "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- missing.yaml\n");
    }

    // The default timeout.ready (2m): a failure that is final must not wait it out.
    CliRun run =
        CliRun.of(
            "check",
            "--set",
            "state.dir=" + state,
            "--repo",
            repo.toString(),
            "--path",
            "clusters/dev");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .startsWith(
            "fluxlab: Flux objects failed for good at their current revision (not waiting out the"
                + " 2m timeout): dev: Kustomization/flux-system/flux-system ");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void aFailedDeployKeepsTheDiagnosticsItPrints(@TempDir Path repo) throws IOException {
    Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(repo.resolve("clusters/dev/app.yaml"), "kind: ConfigMap\ndata: [x\n");

    CliRun run =
        CliRun.of(
            "deploy",
            "--foreground",
            "--set",
            "state.dir=" + state,
            "--name",
            "broken",
            "--repo",
            repo.toString(),
            "--path",
            "clusters/dev");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
    Path diagnostics = state.resolve("broken.diagnostics");
    assertThat(run.out()).contains("diagnostics of the failed deploy: " + diagnostics);
    assertThat(diagnostics).isDirectory().isNotEmptyDirectory();
    assertThat(state.resolve("broken")).doesNotExist();

    CliRun teardown = CliRun.of("teardown", "--set", "state.dir=" + state, "--name", "broken");
    assertThat(teardown.out()).contains("diagnostics " + diagnostics);
    assertThat(state).isEmptyDirectory();
  }
}
