package dev.fluxlab.scenario;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Matches an expected YAML subtree against a live object: every key given must be there with a
 * matching value, keys not given are ignored; a list matches a list of the same length element by
 * element; numbers match by value, other scalars as text; {@code null} matches an absent field.
 */
public final class PartialMatch {
  private PartialMatch() {}

  /** Null when {@code actual} contains {@code expected}; otherwise the first difference. */
  public static String difference(Object expected, Object actual) {
    return difference(expected, actual, "");
  }

  private static String difference(Object expected, Object actual, String path) {
    if (expected instanceof Map<?, ?> want) {
      if (!(actual instanceof Map<?, ?> have)) {
        return seen(path, "a mapping", actual);
      }
      for (Map.Entry<?, ?> e : want.entrySet()) {
        String key = String.valueOf(e.getKey());
        String d = difference(e.getValue(), have.get(key), join(path, key));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected instanceof List<?> want) {
      if (!(actual instanceof List<?> have)) {
        return seen(path, "a list", actual);
      }
      if (have.size() != want.size()) {
        return path + " has " + have.size() + " items, expected " + want.size();
      }
      for (int i = 0; i < want.size(); i++) {
        String d = difference(want.get(i), have.get(i), join(path, String.valueOf(i)));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected == null) {
      return actual == null ? null : seen(path, "absent", actual);
    }
    return scalarEquals(expected, actual) ? null : seen(path, String.valueOf(expected), actual);
  }

  private static boolean scalarEquals(Object expected, Object actual) {
    if (actual == null || actual instanceof Map || actual instanceof List) {
      return false;
    }
    if (expected instanceof Number a && actual instanceof Number b) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
    }
    return String.valueOf(expected).equals(String.valueOf(actual));
  }

  private static String seen(String path, String expected, Object actual) {
    String shown =
        actual == null
            ? "absent"
            : actual instanceof Map || actual instanceof List
                ? "a " + (actual instanceof Map ? "mapping" : "list")
                : "'" + actual + "'";
    return path + " is " + shown + ", expected " + expected;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key.replace(".", "\\.");
  }
}
