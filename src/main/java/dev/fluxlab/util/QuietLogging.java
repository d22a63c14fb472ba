package dev.fluxlab.util;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Silences the per-request INFO lines fabric8's mock web server writes through java.util.logging:
 * an environment serves thousands of requests and the user wants fluxlab's own output.
 */
public final class QuietLogging {
  // Held strongly: java.util.logging forgets a logger's level when the logger is collected.
  private static final Logger MOCK_WEB_SERVER = Logger.getLogger("io.fabric8.mockwebserver");

  private QuietLogging() {}

  public static void apply() {
    MOCK_WEB_SERVER.setLevel(Level.WARNING);
  }
}
