package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.embedded.kube.ProcessSweep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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

    CliRun release = CliRun.of(concat("new-release", common));
    assertThat(release.exitCode()).as(release.out() + release.err()).isEqualTo(ExitCodes.OK);
    assertThat(release.out()).contains("staging", "rolled out in", "podinfo:6.9.1");

    long pid = EnvironmentInfo.read(envDir).ownerPid();
    ProcessHandle server = ProcessHandle.of(pid).orElseThrow();
    assertThat(ProcessSweep.find(envDir))
        .as("the cluster's etcd, kube-apiserver and kube-controller-manager")
        .hasSize(3);
    new ProcessBuilder("kill", "-9", String.valueOf(pid)).start().waitFor();
    await().atMost(EXIT).until(() -> !server.isAlive());
    // The owner is gone; the control plane it started is orphaned, still running.
    assertThat(ProcessSweep.find(envDir)).hasSize(3);

    CliRun gone = CliRun.of(concat("status", common));
    assertThat(gone.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(gone.err()).contains("is gone: its process " + pid + " is not running");

    CliRun teardown = CliRun.of(concat("teardown", common));
    assertThat(teardown.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(teardown.out()).contains("(kube-apiserver)", "(etcd)", "(kube-controller-manager)");
    assertThat(envDir).doesNotExist();
    assertThat(ProcessSweep.find(envDir)).isEmpty();

    CliRun again = CliRun.of(concat("teardown", common));
    assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(again.out()).contains("nothing to tear down");
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
}
