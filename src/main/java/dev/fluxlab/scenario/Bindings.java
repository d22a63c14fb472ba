package dev.fluxlab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ${name}} references in scenario text. Only bound names are replaced: other {@code ${...}}
 * text (Flux's post-build variables in file content) is left alone.
 */
final class Bindings {
  private Bindings() {}

  static String expand(String text, Map<String, String> bindings) {
    String out = text;
    for (Map.Entry<String, String> b : bindings.entrySet()) {
      out = out.replace("${" + b.getKey() + "}", b.getValue());
    }
    return out;
  }

  /** The same tree with every string expanded. */
  @SuppressWarnings("unchecked")
  static Object expandTree(Object value, Map<String, String> bindings) {
    if (value instanceof String s) {
      return expand(s, bindings);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      ((Map<String, Object>) m).forEach((k, v) -> out.put(k, expandTree(v, bindings)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(expandTree(v, bindings)));
      return out;
    }
    return value;
  }

  /** Whether any string in the tree refers to one of the names. */
  static boolean refersTo(Object value, Iterable<String> names) {
    if (value instanceof String s) {
      for (String n : names) {
        if (s.contains("${" + n + "}")) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof Map<?, ?> m) {
      return m.values().stream().anyMatch(v -> refersTo(v, names));
    }
    if (value instanceof List<?> l) {
      return l.stream().anyMatch(v -> refersTo(v, names));
    }
    return false;
  }
}
