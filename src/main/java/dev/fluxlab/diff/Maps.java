package dev.fluxlab.diff;

import java.util.Map;

/** Reading untyped object trees (Jackson's maps of maps) without a cast at every step. */
final class Maps {
  private Maps() {}

  /** {@code value} as a map, or an empty one when it is anything else. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  /** The value at a path of keys, or null. */
  static Object at(Object root, String... keys) {
    Object cur = root;
    for (String k : keys) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(k);
    }
    return cur;
  }

  static String string(Object root, String... keys) {
    return at(root, keys) instanceof String s ? s : null;
  }
}
