package dev.fluxlab.embedded.kube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One control-plane process (etcd, kube-apiserver, kube-controller-manager) that fluxlab started:
 * its output goes to a log file in the environment's state directory, and every argument that names
 * a file points into that directory, which is how {@link ProcessSweep} finds it again after the
 * owning JVM died. Processes still running when this JVM exits (normally, or on SIGTERM/Ctrl-C) are
 * stopped by a shutdown hook, and from then on none is started: a start still under way in another
 * thread would otherwise leave a process behind once the JVM is gone. {@link #close()} is
 * idempotent.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final long STOP_GRACE_MILLIS = 2_000;
  private static final Set<ManagedProcess> RUNNING = ConcurrentHashMap.newKeySet();

  /** Guards {@link #stopping} and the start of a process against the reaper. */
  private static final Object STARTS = new Object();

  private static boolean stopping;

  static {
    try {
      Runtime.getRuntime()
          .addShutdownHook(new Thread(ManagedProcess::stopAll, "fluxlab-process-reaper"));
    } catch (IllegalStateException e) {
      // First used while the JVM is already stopping: start nothing.
      stopping = true;
    }
  }

  private static void stopAll() {
    List<ManagedProcess> running;
    synchronized (STARTS) {
      stopping = true;
      running = List.copyOf(RUNNING);
    }
    running.forEach(ManagedProcess::close);
  }

  private final String name;
  private final Path log;
  private final Process process;

  /** Set once {@link #close()} was called: its death is then fluxlab's doing. */
  private volatile boolean closed;

  private ManagedProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  /** Starts {@code command} with its output appended to {@code log}. */
  public static ManagedProcess start(
      String name, List<String> command, Map<String, String> env, Path log) {
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .directory(log.getParent().toFile());
      pb.environment().putAll(env);
      synchronized (STARTS) {
        if (stopping) {
          throw new IllegalStateException(name + " not started: fluxlab is stopping");
        }
        ManagedProcess p = new ManagedProcess(name, log, pb.start());
        RUNNING.add(p);
        return p;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
  }

  public String name() {
    return name;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * How it ended, for an error message: its exit code, or the signal that killed it (the JVM
   * reports a death by signal S as 128 + S), and whether fluxlab itself was stopping it then.
   */
  public String exitDescription() {
    if (process.isAlive()) {
      return "still running";
    }
    int code = process.exitValue();
    String how =
        "exit code " + code + (code > 128 ? ", i.e. killed by signal " + (code - 128) : "");
    if (closed) {
      return how + ": fluxlab stopped it";
    }
    synchronized (STARTS) {
      return stopping ? how + ", while fluxlab was stopping" : how;
    }
  }

  public long pid() {
    return process.pid();
  }

  /** The last lines of its log, for an error message. */
  public String lastLogLines(int n) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * SIGTERM, and waits (at most {@code grace}) until it is gone, then SIGKILL: for a process whose
   * files outlive it (etcd's data kept as a template), which then finishes its writes.
   */
  public void stopGracefully(java.time.Duration grace) {
    closed = true;
    RUNNING.remove(this);
    try {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
    }
  }

  /**
   * SIGKILL, and waits (at most two seconds) until it is gone: a lab cluster's data is thrown away
   * with it, so a graceful shutdown (kube-apiserver drains its watches for seconds) buys nothing.
   */
  @Override
  public void close() {
    closed = true;
    RUNNING.remove(this);
    if (!process.isAlive()) {
      return;
    }
    try {
      process.destroyForcibly().waitFor(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
