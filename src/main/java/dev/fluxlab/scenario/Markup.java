package dev.fluxlab.scenario;

/**
 * Escapes text for XML and HTML alike, element content and quoted attributes: what a step collected
 * can contain anything, markup included.
 */
final class Markup {
  private Markup() {}

  static String escape(String s) {
    return s == null
        ? ""
        // XML 1.0 has no place for control characters (a script's colour codes), and HTML calls
        // them errors: drop them.
        : s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]", "")
            .replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\"", "&quot;")
            .replace("'", "&#39;");
  }
}
