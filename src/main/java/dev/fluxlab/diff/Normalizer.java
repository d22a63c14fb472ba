package dev.fluxlab.diff;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes what differs between two reconciliations of the same manifests without anyone having
 * changed anything: server-managed metadata (uid, resourceVersion, generation, managedFields,
 * timestamps), every status (Flux objects' outcomes are compared separately), generated
 * annotations, allocated Service IPs, and the strings that are specific to one throwaway
 * environment (its git server address, name and per-run password), which are replaced by
 * placeholders so that both sides of a diff read the same.
 */
final class Normalizer {
  private static final Set<String> SERVER_METADATA =
      Set.of(
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "managedFields",
          "selfLink",
          "finalizers");
  private static final Set<String> GENERATED_ANNOTATIONS =
      Set.of(
          "kubectl.kubernetes.io/last-applied-configuration",
          "deployment.kubernetes.io/revision",
          "reconcile.fluxcd.io/requestedAt");

  /** Environment-specific text to placeholder, longest first. */
  private final List<Map.Entry<String, String>> replacements;

  /**
   * @param environmentStrings text that belongs to one environment (URLs, its name, its password)
   *     to the placeholder it is shown as
   */
  Normalizer(Map<String, String> environmentStrings) {
    List<Map.Entry<String, String>> r = new ArrayList<>();
    environmentStrings.forEach(
        (text, placeholder) -> {
          if (text != null && !text.isEmpty()) {
            r.add(Map.entry(text, placeholder));
          }
        });
    r.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
    this.replacements = List.copyOf(r);
  }

  String text(String s) {
    if (s == null) {
      return null;
    }
    String out = s;
    for (Map.Entry<String, String> e : replacements) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  /** The object (as a map, the way the API returns it) without noise. */
  @SuppressWarnings("unchecked")
  Map<String, Object> object(Map<String, Object> raw) {
    Map<String, Object> m = (Map<String, Object>) replaceStrings(raw);
    String kind = Maps.string(m, "kind");
    String apiVersion = Maps.string(m, "apiVersion");
    m.remove("status");
    Map<String, Object> metadata = Maps.map(m.get("metadata"));
    SERVER_METADATA.forEach(metadata::remove);
    if (metadata.get("annotations") instanceof Map<?, ?> annotations) {
      GENERATED_ANNOTATIONS.forEach(annotations::remove);
      if (annotations.isEmpty()) {
        metadata.remove("annotations");
      }
    }
    if (metadata.get("ownerReferences") instanceof List<?> refs) {
      refs.forEach(ref -> ((Map<String, Object>) ref).remove("uid"));
    }
    if ("Service".equals(kind) && "v1".equals(apiVersion)) {
      dropAllocatedIps(Maps.map(m.get("spec")));
    }
    if ("Secret".equals(kind) && "v1".equals(apiVersion)) {
      decodeSecretData(m);
    }
    return m;
  }

  /** A cluster IP the API server allocated differs on every run; "None" (headless) is meant. */
  private static void dropAllocatedIps(Map<String, Object> spec) {
    if (!"None".equals(spec.get("clusterIP"))) {
      spec.remove("clusterIP");
      spec.remove("clusterIPs");
    }
  }

  /**
   * Compares a Secret's values decoded, so that a per-run credential inside one is recognised and
   * replaced like anywhere else. The values are never shown: see {@link Masking}.
   */
  private void decodeSecretData(Map<String, Object> secret) {
    if (secret.get("data") instanceof Map<?, ?> data) {
      Map<String, Object> decoded = new LinkedHashMap<>();
      data.forEach(
          (k, v) -> {
            String value = String.valueOf(v);
            try {
              value = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
              // not base64: compared as it is
            }
            decoded.put(String.valueOf(k), text(value));
          });
      secret.put("data", decoded);
    }
  }

  private Object replaceStrings(Object value) {
    if (value instanceof String s) {
      return text(s);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), replaceStrings(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      list.forEach(v -> out.add(replaceStrings(v)));
      return out;
    }
    return value;
  }
}
