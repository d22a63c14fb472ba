package dev.fluxlab.embedded.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads nested fields of untyped Kubernetes objects without a cascade of casts. */
public final class Maps {
  private Maps() {}

  /** The value at {@code path} below {@code root}, or null when any step is missing. */
  public static Object get(Object root, String... path) {
    Object cur = root;
    for (String p : path) {
      if (!(cur instanceof Map<?, ?> m)) {
        return null;
      }
      cur = m.get(p);
    }
    return cur;
  }

  public static String string(Object root, String... path) {
    Object v = get(root, path);
    return v == null ? null : v.toString();
  }

  public static String stringOr(Object root, String defaultValue, String... path) {
    String v = string(root, path);
    return v == null || v.isEmpty() ? defaultValue : v;
  }

  public static boolean bool(Object root, String... path) {
    Object v = get(root, path);
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object root, String... path) {
    Object v = get(root, path);
    return v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  public static List<Object> list(Object root, String... path) {
    Object v = get(root, path);
    return v instanceof List<?> l ? (List<Object>) l : List.of();
  }

  /** The object's {@code spec}, or an empty map. */
  public static Map<String, Object> spec(GenericKubernetesResource obj) {
    return map(obj.getAdditionalProperties(), "spec");
  }

  /** The object's {@code status}, created (mutable) when absent. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> mutableStatus(GenericKubernetesResource obj) {
    Object status = obj.getAdditionalProperties().get("status");
    if (!(status instanceof Map)) {
      status = new LinkedHashMap<String, Object>();
      obj.getAdditionalProperties().put("status", status);
    } else if (!(status instanceof LinkedHashMap)) {
      status = new LinkedHashMap<>((Map<String, Object>) status);
      obj.getAdditionalProperties().put("status", status);
    }
    return (Map<String, Object>) status;
  }

  /** Deep copy of a JSON-like structure (maps, lists, scalars). */
  @SuppressWarnings("unchecked")
  public static <T> T deepCopy(T value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, deepCopy(v)));
      return (T) copy;
    }
    if (value instanceof List<?> l) {
      return (T) new java.util.ArrayList<>(l.stream().map(Maps::deepCopy).toList());
    }
    return value;
  }
}
