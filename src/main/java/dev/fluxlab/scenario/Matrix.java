package dev.fluxlab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code matrix: {version: [a, b], cluster: [x, y]}}: one scenario per combination of values, each
 * value bound by its key and shown in the scenario's name ({@code name[version=a,cluster=x]}).
 */
final class Matrix {
  private Matrix() {}

  /** Every combination, in the order written; one empty combination without a matrix. */
  static List<Map<String, String>> combinations(Object matrix) {
    List<Map<String, String>> result = new ArrayList<>();
    result.add(new LinkedHashMap<>());
    if (!(matrix instanceof Map<?, ?> axes)) {
      return result;
    }
    for (Map.Entry<?, ?> axis : axes.entrySet()) {
      List<Map<String, String>> next = new ArrayList<>();
      for (Map<String, String> partial : result) {
        for (Object value : (List<?>) axis.getValue()) {
          Map<String, String> c = new LinkedHashMap<>(partial);
          c.put(String.valueOf(axis.getKey()), String.valueOf(value));
          next.add(c);
        }
      }
      result = next;
    }
    return result;
  }

  static String label(Map<String, String> combination) {
    return combination.isEmpty()
        ? ""
        : combination.entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(",", "[", "]"));
  }
}
