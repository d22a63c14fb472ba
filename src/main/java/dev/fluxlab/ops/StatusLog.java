package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Watches every Flux object of a running environment and reports each change of its Ready state
 * (status, reason, message, revision) in one line, so that a background environment's log shows
 * every reconcile failure and recovery as it happens. Backend-neutral: it reads what {@code flux
 * get all} reads.
 */
public final class StatusLog implements AutoCloseable {
  private static final Duration EVERY = Duration.ofSeconds(1);

  private final Environment env;
  private final Consumer<String> log;
  private final Map<String, String> lastSeen = new HashMap<>();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "fluxlab-status-log");
            t.setDaemon(true);
            return t;
          });

  private StatusLog(Environment env, Consumer<String> log) {
    this.env = env;
    this.log = log;
  }

  /** Starts watching; the first look records the current state without reporting it. */
  public static StatusLog start(Environment env, Consumer<String> log) {
    StatusLog statusLog = new StatusLog(env, log);
    statusLog.check(false);
    statusLog.timer.scheduleWithFixedDelay(
        () -> statusLog.check(true), EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    return statusLog;
  }

  /** One look: a line for each object whose Ready state changed since the last one. */
  void check(boolean report) {
    List<ObjectStatus> rows;
    try {
      rows = Convergence.snapshot(env);
    } catch (RuntimeException e) {
      report("cannot read the Flux objects: " + e.getMessage(), report);
      return;
    }
    for (ObjectStatus s : rows) {
      String key = s.cluster() + " " + s.id();
      String state =
          "Ready="
              + s.ready()
              + (s.reason().isEmpty() ? "" : " " + s.reason())
              + (s.revision().isEmpty() ? "" : " at " + s.revision())
              + ": "
              + s.message();
      if (!state.equals(lastSeen.put(key, state))) {
        report(s.cluster() + ": " + s.id() + " " + state, report);
      }
    }
  }

  private void report(String line, boolean report) {
    if (report) {
      log.accept(line.lines().findFirst().orElse(line));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
