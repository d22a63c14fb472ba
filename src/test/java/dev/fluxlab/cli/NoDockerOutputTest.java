package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a Docker engine, a command that selects the backend says so in fluxlab's one line, and
 * nothing of Testcontainers' discovery (a multi-line ERROR with stack traces) reaches the user.
 * Runs fluxlab in a child process that cannot reach any engine: DOCKER_HOST names a socket nobody
 * listens on, HOME is empty (no remembered strategy, no Docker Desktop socket), and where this
 * machine has an engine socket in /var/run a private mount namespace hides it.
 */
class NoDockerOutputTest {
  private static final long EXIT_SECONDS = 180;

  @TempDir Path tmp;

  @Test
  void backendAutoSaysInOneLineThatItUsesEmbeddedAndNothingElseIsPrinted() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      List<String> cmd = new ArrayList<>(hidingTheEngineSocket());
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Duser.home=" + tmp.resolve("home"));
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(Main.class.getName());
      // The git server's port is taken: the deploy stops right after choosing the backend.
      cmd.addAll(
          List.of(
              "deploy",
              "--foreground",
              "--set",
              "state.dir=" + tmp.resolve("state"),
              "--set",
              "git.port=" + port,
              "--set",
              "clusters=staging",
              "--name",
              "nodocker"));
      Files.createDirectories(tmp.resolve("home"));
      ProcessBuilder pb =
          new ProcessBuilder(cmd)
              .redirectOutput(tmp.resolve("out").toFile())
              .redirectError(tmp.resolve("err").toFile());
      pb.environment().put("DOCKER_HOST", "unix://" + tmp.resolve("no-engine.sock"));
      pb.environment().put("HOME", tmp.resolve("home").toString());
      pb.environment().remove("XDG_RUNTIME_DIR");
      Process p = pb.start();
      try {
        assertThat(p.waitFor(EXIT_SECONDS, TimeUnit.SECONDS)).as("fluxlab ended").isTrue();
      } finally {
        p.destroyForcibly();
      }
      String out = Files.readString(tmp.resolve("out"));
      String err = Files.readString(tmp.resolve("err"));

      assertThat(p.exitValue()).as(out + err).isEqualTo(ExitCodes.USAGE);
      assertThat(out.lines().toList())
          .containsExactly(
              "backend auto: using embedded (no Docker engine reachable)",
              "deploying environment 'nodocker' (multi-cluster, embedded backend)");
      assertThat(err)
          .isEqualTo(
              "fluxlab: port "
                  + port
                  + " is already in use (setting 'git.port'; 0 picks a free port)\n");
    }
  }

  /**
   * The command prefix that runs the child where /var/run/docker.sock does not exist: nothing when
   * it does not exist here either, else a private mount namespace with an empty /var/run (root
   * only; the test is skipped where that cannot be had).
   */
  private static List<String> hidingTheEngineSocket() throws IOException, InterruptedException {
    if (!Files.exists(Path.of("/var/run/docker.sock"))
        && !Files.exists(Path.of("/run/docker.sock"))) {
      return List.of();
    }
    List<String> prefix =
        List.of(
            "unshare",
            "--mount",
            "--propagation",
            "private",
            "sh",
            "-c",
            "mount -t tmpfs none /run && mount -t tmpfs none /var/run 2>/dev/null; exec \"$@\"",
            "hide-docker");
    List<String> probe = new ArrayList<>(prefix);
    probe.addAll(List.of("test", "!", "-e", "/var/run/docker.sock"));
    Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
    boolean hidden = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    p.destroyForcibly();
    assumeTrue(hidden, "cannot hide this machine's Docker socket (needs unshare --mount as root)");
    return prefix;
  }
}
