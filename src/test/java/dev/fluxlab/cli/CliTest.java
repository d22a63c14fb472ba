package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.ops.Fixtures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user meets it: exit codes, one-line errors, and nothing left behind. */
class CliTest {
  @TempDir Path state;

  private String stateDir() {
    return "state.dir=" + state;
  }

  @Test
  void anUnknownSettingIsAOneLineUsageError() {
    CliRun run = CliRun.of("status", "--set", "colour=blue");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err())
        .startsWith("fluxlab: unknown setting 'colour' (from --set); known settings: env.name,");
  }

  @Test
  void aBadValueNamesTheSettingAndTheAllowedValues() {
    CliRun run = CliRun.of("status", "--set", "layout=star");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo(
            "fluxlab: setting 'layout' (from --set): 'star' is not one of multi-cluster, multi-tenancy");
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    CliRun run = CliRun.of("status", "--colour");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("Unknown option: '--colour'");
  }

  @Test
  void commandsOnAMissingEnvironmentSaySoWithoutAStackTrace() {
    CliRun run = CliRun.of("status", "--set", stateDir(), "--name", "nowhere");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().strip())
        .isEqualTo(
            "fluxlab: no environment 'nowhere' under " + state + " (run `fluxlab deploy` first)");
  }

  @Test
  void teardownOfNothingIsANoOp() {
    CliRun run = CliRun.of("teardown", "--set", stateDir(), "--name", "never-deployed");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("nothing to tear down: no environment 'never-deployed'");
  }

  @Test
  void aTakenPortIsAUsageErrorAndLeavesNothingBehind() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun run =
          CliRun.of(
              "check",
              "--set",
              stateDir(),
              "--set",
              "git.port=" + taken.getLocalPort(),
              "--repo",
              Fixtures.get("multi-cluster").toString(),
              "--path",
              "clusters/staging");

      assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(run.err().strip())
          .isEqualTo(
              "fluxlab: port "
                  + taken.getLocalPort()
                  + " is already in use (setting 'git.port'; 0 picks a free port)");
    }
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void checkPassesForARepositoryThatConverges() {
    CliRun run =
        CliRun.of(
            "check",
            "--set",
            stateDir(),
            "--repo",
            Fixtures.get("multi-cluster").toString(),
            "--path",
            "clusters/production");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("hr/podinfo/podinfo")
        .contains("check passed: every Flux object is Ready");
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void checkFailsWithTheFluxReasonForABrokenRepository(@TempDir Path repo) throws IOException {
    Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(
        repo.resolve("clusters/dev/app.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\ndata: [broken\n");

    CliRun run =
        CliRun.of(
            "check",
            "--set",
            stateDir(),
            "--set",
            "timeout.ready=3s",
            "--repo",
            repo.toString(),
            "--path",
            "clusters/dev");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.out())
        .contains("ks/flux-system/flux-system")
        .contains("False")
        .contains("kustomize build failed");
    assertThat(run.err())
        .startsWith(
            "fluxlab: Flux objects failed for good at their current revision (not waiting out the 3s timeout): dev: Kustomization/flux-system/flux-system BuildFailed");
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void demoRunsTheWholeStoryAndCleansUp() {
    CliRun run = CliRun.of("demo", "--set", stateDir(), "--set", "clusters=staging");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains(
            "== deploy", "reconcile until all Ready", "== new-release: podinfo 6.9.0 -> 6.9.1")
        .contains("rolled out in", "restored in", "== status", "== teardown", "demo finished in");
    assertThat(state).isEmptyDirectory();
  }

  /**
   * A user's repository that installs podinfo from a Helm repository fluxlab cannot reach (a closed
   * loopback port stands in for a public repository: tests send no traffic off the machine).
   */
  private static Path repoUsingThePublicPodinfoChart(Path repo) throws IOException {
    Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(
        repo.resolve("clusters/dev/podinfo.yaml"),
        """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: podinfo
          namespace: flux-system
        spec:
          interval: 5m
          url: %s
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: podinfo
          namespace: flux-system
        spec:
          interval: 5m
          chart:
            spec:
              chart: podinfo
              version: "0.0.0"
              sourceRef:
                kind: HelmRepository
                name: podinfo
        """
            .formatted(PUBLIC_CHARTS));
    return repo;
  }

  private static final String PUBLIC_CHARTS = "http://127.0.0.1:1/podinfo";

  @Test
  void aRemoteHelmRepositoryFailsWithAHintAndAChartMirrorServesIt(
      @TempDir Path repo, @TempDir Path charts) throws IOException {
    repoUsingThePublicPodinfoChart(repo);
    dev.fluxlab.util.Files2.copyTree(Fixtures.get("charts/podinfo"), charts.resolve("podinfo"));

    CliRun offline =
        CliRun.of(
            "check",
            "--set",
            stateDir(),
            "--set",
            "timeout.ready=3s",
            "--repo",
            repo.toString(),
            "--path",
            "clusters/dev");
    CliRun mirrored =
        CliRun.of(
            "check",
            "--set",
            stateDir(),
            "--repo",
            repo.toString(),
            "--path",
            "clusters/dev",
            "--chart-mirror",
            PUBLIC_CHARTS + "=" + charts);

    assertThat(offline.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(offline.out())
        .contains("helmrepo/flux-system/podinfo")
        .contains("fluxlab: serve it locally with --chart-mirror " + PUBLIC_CHARTS);
    assertThat(mirrored.exitCode()).as(mirrored.out() + mirrored.err()).isEqualTo(ExitCodes.OK);
    assertThat(mirrored.out()).contains("hr/flux-system/podinfo", "check passed");
    assertThat(state).isEmptyDirectory();
  }
}
