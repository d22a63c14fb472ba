package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.embedded.kube.ProcessSweep;
import dev.fluxlab.embedded.oci.RegistryBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy on the embedded backend leaves a background process serving the environment; later
 * commands reach it from other processes; teardown cleans up even after kill -9.
 */
class DetachedDeployTest {
  private static final Duration EXIT = Duration.ofSeconds(10);

  @TempDir Path state;

  @Test
  void laterCommandsReachTheBackgroundEnvironmentAndTeardownSurvivesKill9() throws Exception {
    String[] common = {"--set", "state.dir=" + state, "--set", "clusters=staging", "--name", "bg"};
    CliRun deploy = CliRun.of(concat("deploy", common));
    assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(ExitCodes.OK);
    assertThat(deploy.out()).contains("environment 'bg' is Ready", "background process");

    Path envDir = state.resolve("bg");
    // Credentials, git repositories and artifacts are below it: nobody else may even look in.
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(envDir)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(envDir.resolve("credentials"))))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(envDir.resolve("kubeconfig-staging.yaml"))))
        .isEqualTo("rw-------");

    CliRun status = CliRun.of(concat("status", common));
    assertThat(status.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(status.out()).contains("hr/podinfo/podinfo", "6.9.0");

    CliRun missing = CliRun.of(concat("new-release", concat("--version", concat("9.9.9", common))));
    assertThat(missing.exitCode()).as(missing.out() + missing.err()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err())
        .startsWith("fluxlab: --version 9.9.9: the chart repository ")
        .contains("has no podinfo 9.9.9 (it has: ", "6.9.1", "); nothing was pushed");

    CliRun release = CliRun.of(concat("new-release", common));
    assertThat(release.exitCode()).as(release.out() + release.err()).isEqualTo(ExitCodes.OK);
    assertThat(release.out())
        .contains("staging", "rolled out in", "podinfo:6.9.1")
        // Before and after: the embedded backend runs no pods, and says so instead of a version.
        .contains("staging      before: no pods on this backend, so nothing serves")
        .doesNotContain("podinfo serves");
    // The background process logs its phases and every change of a Flux object's Ready state.
    Path serveLog = envDir.resolve("serve.log");
    await()
        .atMost(EXIT)
        .untilAsserted(
            () ->
                assertThat(Files.readString(serveLog))
                    .contains("reconcile until all Ready", "serving;")
                    .containsPattern(
                        "staging: HelmRelease/podinfo/podinfo Ready=\\S+ .*6\\.9\\.1"));

    long pid = EnvironmentInfo.read(envDir).ownerPid();
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    // The cluster's control plane, and the environment's OCI registry where its binary is built.
    List<String> expected =
        new ArrayList<>(List.of("etcd", "kube-apiserver", "kube-controller-manager"));
    RegistryBinary.find().ifPresent(registry -> expected.add("registry"));
    assertThat(programs(ProcessSweep.find(envDir))).containsExactlyInAnyOrderElementsOf(expected);
    new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();
    await().atMost(EXIT).until(() -> !server.isAlive());
    // The owner is gone; the control plane it started is orphaned, still running.
    assertThat(programs(ProcessSweep.find(envDir))).containsExactlyInAnyOrderElementsOf(expected);

    CliRun gone = CliRun.of(concat("status", common));
    assertThat(gone.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(gone.err()).contains("is gone: its process " + pid + " is not running");

    CliRun teardown = CliRun.of(concat("teardown", common));
    assertThat(teardown.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(teardown.out()).contains(expected.stream().map(p -> "(" + p + ")").toList());
    assertThat(envDir).doesNotExist();
    assertThat(ProcessSweep.find(envDir)).isEmpty();

    CliRun again = CliRun.of(concat("teardown", common));
    assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(again.out()).contains("nothing to tear down");
  }

  @Test
  void aUserRepositoryRunsInTheBackgroundOnTheClusterItsPathNames(@TempDir Path repo)
      throws Exception {
    Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(
        repo.resolve("clusters/dev/app.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\n");
    String[] common = {"--set", "state.dir=" + state, "--name", "byo"};

    CliRun deploy =
        CliRun.of(
            concat(
                "deploy",
                concat(
                    "--repo",
                    concat(repo.toString(), concat("--path", concat("clusters/dev", common))))));

    assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(ExitCodes.OK);
    assertThat(deploy.out()).contains("start embedded backend (dev)", "environment 'byo' is Ready");
    assertThat(EnvironmentInfo.read(state.resolve("byo")).kubeconfigs()).containsOnlyKeys("dev");
    assertThat(CliRun.of(concat("teardown", common)).exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(state.resolve("byo")).doesNotExist();
  }

  @Test
  void teardownStopsARunningBackgroundEnvironment() {
    String[] common = {"--set", "state.dir=" + state, "--set", "clusters=staging", "--name", "bg2"};
    assertThat(CliRun.of(concat("deploy", common)).exitCode()).isEqualTo(ExitCodes.OK);
    long pid = EnvironmentInfo.read(state.resolve("bg2")).ownerPid();

    String before =
        ProcessHandle.of(pid).map(p -> p.isAlive() + " " + p.info().commandLine()).orElse("none");
    CliRun teardown = CliRun.of(concat("teardown", common));

    assertThat(teardown.out()).as(before).contains("process " + pid);
    // The state is gone when teardown returns; the process itself may take a moment to vanish.
    await()
        .atMost(EXIT)
        .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(state.resolve("bg2")).doesNotExist();
    await().atMost(EXIT).until(() -> ProcessSweep.find(state.resolve("bg2")).isEmpty());
  }

  private static String[] concat(String command, String[] rest) {
    String[] all = new String[rest.length + 1];
    all[0] = command;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** The program names of processes, as teardown reports them. */
  private static List<String> programs(List<ProcessHandle> processes) {
    return processes.stream()
        .map(p -> p.info().command().orElse("gone:" + p.pid()))
        .map(command -> Path.of(command).getFileName().toString())
        .toList();
  }
}
