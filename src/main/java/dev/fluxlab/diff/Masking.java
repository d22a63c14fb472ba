package dev.fluxlab.diff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps Secret values out of every report: a Secret's {@code data} and {@code stringData} values
 * are shown as {@value #HIDDEN}, whether they were added, changed or removed.
 */
final class Masking {
  static final String HIDDEN = "(value hidden)";

  private Masking() {}

  static boolean isSecret(ObjectId id) {
    return "Secret".equals(id.kind()) && id.group().isEmpty();
  }

  static List<FieldChange> changes(ObjectId id, List<FieldChange> changes) {
    if (!isSecret(id)) {
      return changes;
    }
    return changes.stream()
        .map(
            c ->
                secretValue(c.path())
                    ? new FieldChange(
                        c.path(),
                        c.before() == null ? null : HIDDEN,
                        c.after() == null ? null : HIDDEN)
                    : c)
        .toList();
  }

  static Map<String, Object> object(ObjectId id, Map<String, Object> content) {
    if (!isSecret(id)) {
      return content;
    }
    Map<String, Object> masked = new LinkedHashMap<>(content);
    for (String field : List.of("data", "stringData")) {
      if (masked.get(field) instanceof Map<?, ?> values) {
        Map<String, Object> hidden = new LinkedHashMap<>();
        values.keySet().forEach(k -> hidden.put(String.valueOf(k), HIDDEN));
        masked.put(field, hidden);
      }
    }
    return masked;
  }

  private static boolean secretValue(String path) {
    return path.equals("data")
        || path.equals("stringData")
        || path.startsWith("data.")
        || path.startsWith("stringData.");
  }
}
