package dev.fluxlab.cli;

import java.io.PrintWriter;

/**
 * A shutdown hook for the time before an environment is handed over: when the JVM is stopped
 * (Ctrl-C, SIGTERM) while a deploy is still running, it removes what was started and says so,
 * instead of leaving a state directory behind that refuses the next deploy.
 */
final class InterruptCleanup implements AutoCloseable {
  private final Thread hook;

  private InterruptCleanup(Thread hook) {
    this.hook = hook;
  }

  /** Runs {@code cleanup} (which returns what it removed, or what is left) on JVM shutdown. */
  static InterruptCleanup install(
      String what, PrintWriter out, java.util.function.Supplier<String> cleanup) {
    Thread hook =
        new Thread(
            () -> {
              String result;
              try {
                result = cleanup.get();
              } catch (RuntimeException e) {
                result = "cleanup failed: " + e.getMessage();
              }
              out.println("interrupted during " + what + ": " + result);
              out.flush();
            },
            "fluxlab-interrupt-cleanup");
    Runtime.getRuntime().addShutdownHook(hook);
    return new InterruptCleanup(hook);
  }

  /** The operation finished (or failed and cleaned up itself): the hook is no longer needed. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // shutdown already under way: the hook runs (or ran) and does the cleanup
    }
  }
}
