package dev.fluxlab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dotted paths into objects: {@code spec.template.spec.containers.0.image}; a list index is a
 * number; a dot inside a key is written {@code \.} ({@code
 * metadata.labels.app\.kubernetes\.io/name}).
 */
public final class FieldPath {
  private FieldPath() {}

  public static List<String> parse(String path) {
    List<String> parts = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length() && path.charAt(i + 1) == '.') {
        cur.append('.');
        i++;
      } else if (c == '.') {
        parts.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    parts.add(cur.toString());
    return parts;
  }

  /** The value at the path, or null. */
  public static Object read(Object root, String path) {
    Object cur = root;
    for (String p : parse(path)) {
      if (cur instanceof Map<?, ?> m) {
        cur = m.get(p);
      } else if (cur instanceof List<?> l && p.matches("\\d+") && Integer.parseInt(p) < l.size()) {
        cur = l.get(Integer.parseInt(p));
      } else {
        return null;
      }
    }
    return cur;
  }

  /** Sets the value at the path, creating maps on the way; returns the changed root. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> write(Map<String, Object> root, String path, Object value) {
    List<String> parts = parse(path);
    Object cur = root;
    for (int i = 0; i < parts.size() - 1; i++) {
      String p = parts.get(i);
      if (cur instanceof Map<?, ?> m) {
        Map<String, Object> map = (Map<String, Object>) m;
        Object next = map.get(p);
        if (next == null) {
          next = new LinkedHashMap<String, Object>();
          map.put(p, next);
        }
        cur = next;
      } else if (cur instanceof List<?> l && p.matches("\\d+")) {
        cur = l.get(Integer.parseInt(p));
      } else {
        throw new IllegalArgumentException(
            "cannot set " + path + ": '" + p + "' is not a map or list");
      }
    }
    String last = parts.get(parts.size() - 1);
    if (cur instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(last, value);
    } else if (cur instanceof List<?> l && last.matches("\\d+")) {
      ((List<Object>) l).set(Integer.parseInt(last), value);
    } else {
      throw new IllegalArgumentException("cannot set " + path);
    }
    return root;
  }
}
