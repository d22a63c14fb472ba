package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxLabException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a {@code script} or {@code command} step against one cluster. Its environment has {@code
 * KUBECONFIG} (that cluster), {@code FLUXLAB_CLUSTER}, {@code FLUXLAB_ENV}, {@code FLUXLAB_GIT_URL}
 * (repositories are {@code $FLUXLAB_GIT_URL/<name>.git}) and {@code FLUXLAB_GIT_CREDENTIALS} (a
 * properties file with username and password, never printed); it runs in a scratch directory of the
 * environment that is removed afterwards.
 */
final class ScriptStep {
  /** What a failure message shows of stdout/stderr. */
  private static final int SHOWN = 400;

  private final Environment env;

  ScriptStep(Environment env) {
    this.env = env;
  }

  /** Runs it and checks it; returns the trimmed stdout. */
  String run(String cluster, Action.Run run, Duration timeout) {
    Path dir = env.dir().resolve("tmp").resolve("script-" + UUID.randomUUID());
    try {
      Files.createDirectories(dir);
      List<String> command =
          run.command() != null ? run.command() : List.of("sh", "-c", run.script());
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectOutput(dir.resolve(".stdout").toFile())
              .redirectError(dir.resolve(".stderr").toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Map<String, String> e = pb.environment();
      e.put("KUBECONFIG", env.kubeconfig(cluster).toString());
      e.put("FLUXLAB_CLUSTER", cluster);
      e.put("FLUXLAB_ENV", env.name());
      e.put("FLUXLAB_GIT_URL", env.info().gitUrl() + "/" + env.info().gitOwner());
      if (env.info().credentialsFile() != null) {
        e.put("FLUXLAB_GIT_CREDENTIALS", env.info().credentialsFile());
      }
      Process p;
      try {
        p = pb.start();
      } catch (IOException ex) {
        throw new FluxLabException("cannot start " + command.get(0) + ": " + ex.getMessage());
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor();
        throw new FluxLabException(
            what(run) + " on " + cluster + " did not end within " + timeout.toMillis() + " ms");
      }
      String stdout = Files.readString(dir.resolve(".stdout"));
      String stderr = Files.readString(dir.resolve(".stderr"));
      List<String> wrong = new ArrayList<>();
      if (p.exitValue() != run.exitCode()) {
        wrong.add("exit code " + p.exitValue() + " (expected " + run.exitCode() + ")");
      }
      if (run.stdoutContains() != null && !stdout.contains(run.stdoutContains())) {
        wrong.add("stdout does not contain '" + run.stdoutContains() + "'");
      }
      if (run.stderrContains() != null && !stderr.contains(run.stderrContains())) {
        wrong.add("stderr does not contain '" + run.stderrContains() + "'");
      }
      if (!wrong.isEmpty()) {
        throw new FluxLabException(
            what(run)
                + " on "
                + cluster
                + ": "
                + String.join(", ", wrong)
                + "; stdout '"
                + shorten(stdout)
                + "', stderr '"
                + shorten(stderr)
                + "'");
      }
      return stdout.strip();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new FluxLabException("interrupted while running " + what(run));
    } finally {
      delete(dir);
    }
  }

  private static String what(Action.Run run) {
    return run.command() != null ? "command " + run.command().get(0) : "script";
  }

  private static String shorten(String text) {
    String t = text.strip();
    return t.length() <= SHOWN ? t : t.substring(0, SHOWN) + "…";
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // A scratch directory left behind is removed with the environment's state directory.
    }
  }
}
