package dev.fluxlab.embedded.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A few long-lived kustomize-builder processes (one per core: each builds one request at a time,
 * since kustomize's global state is not safe for concurrent builds), so that a build costs neither
 * a process start nor a copy of the artifact. A process that dies is replaced on its next use.
 */
final class BuilderProcesses implements KustomizeEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A build that takes longer is stuck (e.g. fetching a remote base): its process is killed. */
  private static final Duration BUILD_TIMEOUT = Duration.ofSeconds(60);

  private final Path binary;
  private final Path log;
  private final BlockingQueue<Builder> idle;
  private final int size;
  private final AtomicLong ids = new AtomicLong();
  private final ScheduledExecutorService watchdog =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fluxlab-kustomize-watchdog");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean closed;

  /**
   * @param log where the processes' stderr goes (kustomize prints nothing there normally)
   */
  BuilderProcesses(Path binary, Path log, int size) {
    this.binary = binary;
    this.log = log;
    this.size = size;
    this.idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      idle.add(new Builder());
    }
  }

  @Override
  public String build(Path root, String dir, Map<String, String> overlay) {
    Builder builder;
    try {
      builder = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BuildException("BuildFailed", "kustomize build interrupted");
    }
    try {
      JsonNode response = builder.call(request(root, dir, overlay));
      JsonNode error = response.get("error");
      if (error != null && !error.asText().isEmpty()) {
        throw new BuildException(
            "BuildFailed",
            "kustomize build failed: " + KustomizeErrors.clean(error.asText(), root));
      }
      JsonNode yaml = response.get("yaml");
      return yaml == null ? "" : yaml.asText();
    } finally {
      if (closed) {
        builder.stop();
      } else {
        idle.add(builder);
      }
    }
  }

  private Map<String, Object> request(Path root, String dir, Map<String, String> overlay) {
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("id", ids.incrementAndGet());
    req.put("root", root.toString());
    req.put("dir", dir);
    req.put("files", overlay);
    return req;
  }

  @Override
  public String describe() {
    return "kustomize-builder (" + size + " long-lived processes, " + binary + ")";
  }

  @Override
  public void close() {
    closed = true;
    watchdog.shutdownNow();
    Builder b;
    while ((b = idle.poll()) != null) {
      b.stop();
    }
  }

  /** One process; used by one thread at a time (it is taken from the idle queue). */
  private final class Builder {
    private Process process;
    private OutputStream stdin;
    private BufferedReader stdout;

    JsonNode call(Map<String, Object> request) {
      AtomicBoolean timedOut = new AtomicBoolean();
      ScheduledFuture<?> kill = null;
      try {
        ensureRunning();
        Process running = process;
        kill =
            watchdog.schedule(
                () -> {
                  timedOut.set(true);
                  running.destroyForcibly();
                },
                BUILD_TIMEOUT.toMillis(),
                TimeUnit.MILLISECONDS);
        stdin.write(JSON.writeValueAsBytes(request));
        stdin.write('\n');
        stdin.flush();
        String line = stdout.readLine();
        if (line == null) {
          throw new IOException(
              "kustomize-builder exited with " + exitCode() + " (see " + log + ")");
        }
        return JSON.readTree(line);
      } catch (IOException e) {
        stop();
        throw new BuildException(
            "BuildFailed",
            "kustomize build failed: "
                + (timedOut.get()
                    ? "timed out after " + BUILD_TIMEOUT.toSeconds() + "s"
                    : e.getMessage()));
      } finally {
        if (kill != null) {
          kill.cancel(false);
        }
      }
    }

    private void ensureRunning() throws IOException {
      if (process != null && process.isAlive()) {
        return;
      }
      process =
          new ProcessBuilder(binary.toString())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      stdin = process.getOutputStream();
      stdout =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private String exitCode() {
      try {
        return String.valueOf(process.waitFor());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "?";
      }
    }

    void stop() {
      if (process != null) {
        try {
          stdin.close(); // the builder exits at the end of its input
        } catch (IOException ignored) {
          // already gone
        }
        process.destroy();
        process = null;
      }
    }
  }
}
