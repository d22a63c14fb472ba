package dev.fluxlab.docker;

import dev.fluxlab.api.FluxLabException;
import java.util.List;
import org.testcontainers.containers.GenericContainer;

/** Starting a container with a failure the user can read in one line. */
final class Containers {
  private static final int LOG_LINES = 4;

  private Containers() {}

  /**
   * Starts {@code container}; when it fails, the error names {@code what} and ends with the last
   * lines the container logged (which usually say why).
   */
  static void start(GenericContainer<?> container, String what) {
    try {
      container.start();
    } catch (RuntimeException e) {
      String logs = lastLines(container);
      throw new FluxLabException(
          "starting "
              + what
              + " failed: "
              + (logs.isEmpty() ? rootMessage(e) : "its last log lines: " + logs),
          e);
    }
  }

  private static String lastLines(GenericContainer<?> container) {
    try {
      List<String> lines = container.getLogs().strip().lines().toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    } catch (RuntimeException gone) {
      return ""; // the container is gone: only the exception is left to tell
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
