package dev.fluxlab.diff;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Field by field comparison of two object trees (maps, lists and scalars). */
final class FieldChanges {
  private FieldChanges() {}

  static List<FieldChange> between(Map<String, Object> before, Map<String, Object> after) {
    List<FieldChange> changes = new ArrayList<>();
    compare("", before, after, changes);
    return changes;
  }

  private static void compare(String path, Object a, Object b, List<FieldChange> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Set<Object> keys = new LinkedHashSet<>(ma.keySet());
      keys.addAll(mb.keySet());
      for (Object k : keys) {
        compare(child(path, String.valueOf(k)), ma.get(k), mb.get(k), out);
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb) {
      for (int i = 0; i < Math.max(la.size(), lb.size()); i++) {
        compare(
            child(path, Integer.toString(i)),
            i < la.size() ? la.get(i) : null,
            i < lb.size() ? lb.get(i) : null,
            out);
      }
    } else {
      out.add(new FieldChange(path, a, b));
    }
  }

  private static String child(String path, String key) {
    String escaped = key.replace(".", "\\.");
    return path.isEmpty() ? escaped : path + "." + escaped;
  }
}
