package dev.fluxlab.util;

import sun.misc.Signal;

/**
 * Gives SIGTERM, SIGINT and SIGHUP back to the JVM. Helm's Go library (loaded by helm-java)
 * installs Go's signal handlers when it loads and swallows these signals, so neither Ctrl-C nor
 * {@code teardown} could stop a process that rendered a chart. Re-registering them routes them to
 * an orderly {@link System#exit}, which runs the shutdown hooks. Go keeps the signals it needs for
 * itself (SIGURG for preemption, the synchronous fault signals).
 */
public final class TerminationSignals {
  private TerminationSignals() {}

  public static void reclaim() {
    handle("TERM", 143);
    handle("INT", 130);
    handle("HUP", 129);
  }

  private static void handle(String name, int exitCode) {
    try {
      Signal.handle(
          new Signal(name),
          s -> new Thread(() -> System.exit(exitCode), "fluxlab-signal-" + name).start());
    } catch (IllegalArgumentException e) {
      // The signal is not available here (e.g. started with -Xrs): nothing to take back.
    }
  }
}
