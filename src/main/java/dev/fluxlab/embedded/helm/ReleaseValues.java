package dev.fluxlab.embedded.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.Sha256;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composes a HelmRelease's values as helm-controller does: each {@code valuesFrom} reference in
 * order (merged at the root, or set at {@code targetPath}), then {@code spec.values} on top; maps
 * merge deeply, everything else is replaced.
 */
final class ReleaseValues {
  private static final ObjectMapper CANONICAL =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final KubernetesClient client;

  ReleaseValues(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @throws ReleaseException when a non-optional reference is missing or not valid YAML
   */
  Map<String, Object> compose(HelmReleaseSpec spec) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Object ref : spec.valuesFrom()) {
      String kind = Maps.string(ref, "kind");
      String name = Maps.string(ref, "name");
      String key = Maps.stringOr(ref, "values.yaml", "valuesKey");
      String targetPath = Maps.string(ref, "targetPath");
      String text = read(spec.namespace(), kind, name, key);
      if (text == null) {
        if (Maps.bool(ref, "optional")) {
          continue;
        }
        throw new ReleaseException(
            "InitFailed",
            "could not resolve "
                + kind
                + " chart values reference '"
                + spec.namespace()
                + "/"
                + name
                + "' with key '"
                + key
                + "': not found");
      }
      if (targetPath != null && !targetPath.isEmpty()) {
        setPath(result, targetPath, scalar(text));
        continue;
      }
      try {
        mergeInto(result, Yaml.map(text));
      } catch (IllegalArgumentException e) {
        throw new ReleaseException(
            "InitFailed",
            "unable to read values from key '"
                + key
                + "' in "
                + kind
                + " '"
                + spec.namespace()
                + "/"
                + name
                + "': "
                + e.getMessage());
      }
    }
    mergeInto(result, Maps.deepCopy(spec.values()));
    return result;
  }

  /** {@code sha256:<hex>} of the values as canonical JSON (keys sorted), like helm-controller. */
  static String digest(Map<String, Object> values) {
    try {
      return "sha256:" + Sha256.hex(CANONICAL.writeValueAsString(values));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("values are not serialisable: " + e.getMessage(), e);
    }
  }

  private String read(String ns, String kind, String name, String key) {
    if ("ConfigMap".equals(kind)) {
      ConfigMap cm = client.configMaps().inNamespace(ns).withName(name).get();
      return cm == null || cm.getData() == null ? null : cm.getData().get(key);
    }
    if ("Secret".equals(kind)) {
      Secret s = client.secrets().inNamespace(ns).withName(name).get();
      if (s == null) {
        return null;
      }
      if (s.getStringData() != null && s.getStringData().containsKey(key)) {
        return s.getStringData().get(key);
      }
      String b64 = s.getData() == null ? null : s.getData().get(key);
      return b64 == null
          ? null
          : new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
    }
    throw new ReleaseException(
        "InitFailed", "unsupported values reference kind '" + kind + "' (ConfigMap or Secret)");
  }

  /** Deep merge of {@code overlay} into {@code base}: maps merge, other values replace. */
  @SuppressWarnings("unchecked")
  static void mergeInto(Map<String, Object> base, Map<String, Object> overlay) {
    for (Map.Entry<String, Object> e : overlay.entrySet()) {
      Object have = base.get(e.getKey());
      if (have instanceof Map<?, ?> h && e.getValue() instanceof Map<?, ?> o) {
        Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) h);
        mergeInto(merged, (Map<String, Object>) o);
        base.put(e.getKey(), merged);
      } else {
        base.put(e.getKey(), e.getValue());
      }
    }
  }

  /** Sets a dotted path ("a.b.c"), creating maps on the way, as Helm's --set does. */
  @SuppressWarnings("unchecked")
  private static void setPath(Map<String, Object> root, String path, Object value) {
    List<String> parts = List.of(path.split("\\."));
    Map<String, Object> cur = root;
    for (String p : parts.subList(0, parts.size() - 1)) {
      Object next = cur.get(p);
      if (!(next instanceof Map<?, ?>)) {
        next = new LinkedHashMap<String, Object>();
      } else {
        next = new LinkedHashMap<>((Map<String, Object>) next);
      }
      cur.put(p, next);
      cur = (Map<String, Object>) next;
    }
    cur.put(parts.get(parts.size() - 1), value);
  }

  /** Typed like Helm's --set: booleans and integers are not strings. */
  private static Object scalar(String text) {
    String t = text.trim();
    if (t.equals("true") || t.equals("false")) {
      return Boolean.parseBoolean(t);
    }
    if (t.matches("-?[0-9]{1,18}")) {
      return Long.parseLong(t);
    }
    return text;
  }
}
