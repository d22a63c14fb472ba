package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.EnvironmentInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a release that failed (it timed out while the background process was still upgrading with
 * Helm), teardown stops the background process in order — SIGTERM heard, no SIGKILL fallback — and
 * nothing is left: no state directory, no process, nothing in the system temp directory.
 */
class TeardownAfterFailedReleaseTest {
  /** A cold background deploy (Helm, etcd, kube-apiserver) on a busy 2-core machine. */
  private static final Duration DEPLOYED = Duration.ofMinutes(4);

  private static final Duration GONE = Duration.ofSeconds(30);
  private static final String ENV = "failedrel";

  @TempDir Path state;
  @TempDir Path systemTemp;

  @Test
  void teardownAfterAFailedReleaseStopsTheEnvironmentInOrderAndLeavesNothing() throws Exception {
    String[] common = {"--set", "state.dir=" + state, "--set", "clusters=staging", "--name", ENV};
    deployInAChildWithItsOwnTempDirectory(common);
    long owner = EnvironmentInfo.read(state.resolve(ENV)).ownerPid();

    CliRun release = CliRun.of(concat("new-release", "--set", "timeout.ready=10ms", common));
    assertThat(release.exitCode()).as(release.out() + release.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(release.err()).contains("timed out after 10ms waiting for podinfo");

    CliRun teardown = CliRun.of(concat("teardown", common));

    assertThat(teardown.exitCode()).as(teardown.err()).isEqualTo(ExitCodes.OK);
    assertThat(teardown.out())
        .contains("process " + owner + " (embedded environment)")
        .doesNotContain("killed");
    await()
        .atMost(GONE)
        .untilAsserted(
            () -> {
              assertThat(ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false))
                  .as("background process " + owner + " alive")
                  .isFalse();
              assertThat(processesUsing(state)).isEmpty();
            });
    assertThat(state.resolve(ENV)).doesNotExist();
    try (Stream<Path> left = Files.list(systemTemp)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .as("left in the system temp directory of the background process")
          .isEmpty();
    }
  }

  /**
   * deploy (background) in a child JVM whose temporary directory is this test's: the background
   * process it starts inherits it, so whatever Helm or fluxlab leaves there is seen.
   */
  private void deployInAChildWithItsOwnTempDirectory(String[] common) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Djava.io.tmpdir=" + systemTemp);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.add("deploy");
    cmd.addAll(List.of(common));
    cmd.addAll(List.of("--set", "backend=embedded"));
    Path out = Files.createTempFile(state, "deploy", ".out");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    pb.environment().put("TMPDIR", systemTemp.toString());
    Process deploy = pb.start();
    try {
      await().atMost(DEPLOYED).until(() -> !deploy.isAlive());
    } finally {
      deploy.destroyForcibly();
    }
    assertThat(deploy.exitValue()).as(Files.readString(out)).isEqualTo(ExitCodes.OK);
    Files.delete(out);
  }

  private static List<String> processesUsing(Path dir) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .filter(c -> c.contains(dir.toString()))
        .toList();
  }

  private static String[] concat(String command, Object... rest) {
    List<String> all = new ArrayList<>();
    all.add(command);
    for (Object r : rest) {
      if (r instanceof String[] many) {
        all.addAll(List.of(many));
      } else {
        all.add((String) r);
      }
    }
    return all.toArray(String[]::new);
  }
}
