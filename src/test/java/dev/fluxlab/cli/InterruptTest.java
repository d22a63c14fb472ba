package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping a deploy before it is Ready (Ctrl-C, SIGTERM): what was started is removed — state
 * directory, control-plane processes, temporary files — and said so, and the next deploy of the
 * same name works. The test sends SIGTERM: a child of a non-interactive shell's background job
 * inherits SIGINT ignored, and the JVM then runs its shutdown hooks for SIGTERM only; both take the
 * same path.
 */
class InterruptTest {
  /** A cold embedded start (Helm, etcd, kube-apiserver) on a busy 2-core machine. */
  private static final Duration STARTED = Duration.ofMinutes(3);

  private static final Duration EXIT = Duration.ofSeconds(60);
  private static final Duration RESEND = Duration.ofMillis(500);
  private static final String ENV = "intr";

  @TempDir Path state;
  @TempDir Path systemTemp;

  private final ScheduledExecutorService signals =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "resend-term");
            t.setDaemon(true);
            return t;
          });
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    signals.shutdownNow();
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void stoppingAForegroundDeployBeforeReadyLeavesNothingAndTheNextDeployWorks() throws Exception {
    Child first = start("deploy", "--foreground");
    first.awaitLine(l -> l.strip().startsWith("start embedded backend"));

    first.terminateUntilGone();

    assertThat(first.output()).contains("interrupted during deploy: removed");
    assertNothingLeft();

    Child second = start("deploy", "--foreground");
    second.awaitLine(l -> l.contains("running in the foreground"));
    assertThat(second.output()).contains("environment '" + ENV + "' is Ready");
    second.terminateUntilGone();
    assertNothingLeft();
  }

  @Test
  void stoppingADeployStopsItsBackgroundProcessAndSaysSo() throws Exception {
    Child deploy = start("deploy");
    deploy.awaitLine(l -> l.strip().startsWith("start embedded backend"));

    deploy.terminateUntilGone();

    assertThat(deploy.output())
        .contains("interrupted during deploy: stopped the background process");
    assertNothingLeft();
  }

  /**
   * No state directory, no process whose command line points into the state directory (etcd,
   * kube-apiserver, kube-controller-manager, the background fluxlab), nothing in the system temp
   * directory the children were given.
   */
  private void assertNothingLeft() throws IOException {
    await()
        .atMost(EXIT)
        .untilAsserted(
            () -> {
              assertThat(state.resolve(ENV)).doesNotExist();
              assertThat(processesUsing(state)).isEmpty();
            });
    try (Stream<Path> left = Files.list(systemTemp)) {
      assertThat(left.map(p -> p.getFileName().toString()).toList())
          .as("left in the system temp directory")
          .isEmpty();
    }
  }

  private static List<String> processesUsing(Path dir) {
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .filter(c -> c.contains(dir.toString()))
        .toList();
  }

  private Child start(String... command) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Everything fluxlab or a library puts in the system temp directory lands here instead.
    cmd.add("-Djava.io.tmpdir=" + systemTemp);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(command));
    cmd.addAll(
        List.of(
            "--set",
            "state.dir=" + state,
            "--set",
            "clusters=staging",
            "--set",
            "backend=embedded",
            "--name",
            ENV));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("TMPDIR", systemTemp.toString());
    Process p = pb.start();
    started.add(p);
    return new Child(p);
  }

  /** A fluxlab child process whose output is read as it comes. */
  private final class Child {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    Child(Process process) {
      this.process = process;
      reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process is gone
                }
              },
              "child-output");
      reader.setDaemon(true);
      reader.start();
    }

    void awaitLine(java.util.function.Predicate<String> line) {
      await()
          .atMost(STARTED)
          .failFast("the deploy ended: " + output(), () -> !process.isAlive())
          .until(() -> lines.stream().anyMatch(line));
    }

    /**
     * SIGTERM, repeated as a user presses Ctrl-C again when the first one lands in a Helm call
     * (Go's runtime takes it), until the process ends.
     */
    void terminateUntilGone() {
      var resending =
          signals.scheduleWithFixedDelay(
              () -> {
                // Through the handle: Process.destroy() also closes the pipes, and the child's
                // last words ("interrupted during deploy: ...") would be lost.
                if (process.isAlive()) {
                  process.toHandle().destroy();
                }
              },
              0,
              RESEND.toMillis(),
              TimeUnit.MILLISECONDS);
      try {
        await().atMost(EXIT).until(() -> !process.isAlive());
      } finally {
        resending.cancel(false);
      }
      // Its output is complete once the reader has seen the end of the stream.
      await().atMost(EXIT).until(() -> !reader.isAlive());
    }

    String output() {
      return String.join("\n", lines)
          + (process.isAlive() ? "" : "\n(exit code " + process.exitValue() + ")");
    }
  }
}
