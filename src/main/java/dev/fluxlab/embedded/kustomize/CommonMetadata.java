package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code spec.commonMetadata}: labels and annotations Flux sets on every object it applies (on the
 * object's own metadata, not on pod templates), replacing values of the same keys.
 */
public final class CommonMetadata {
  private final Map<String, String> labels;
  private final Map<String, String> annotations;

  private CommonMetadata(Map<String, String> labels, Map<String, String> annotations) {
    this.labels = labels;
    this.annotations = annotations;
  }

  /** From a Kustomization's or HelmRelease's spec. */
  public static CommonMetadata of(Map<String, Object> spec) {
    return new CommonMetadata(
        strings(Maps.map(spec, "commonMetadata", "labels")),
        strings(Maps.map(spec, "commonMetadata", "annotations")));
  }

  public void applyTo(HasMetadata obj) {
    if (!labels.isEmpty()) {
      obj.getMetadata().setLabels(merged(obj.getMetadata().getLabels(), labels));
    }
    if (!annotations.isEmpty()) {
      obj.getMetadata().setAnnotations(merged(obj.getMetadata().getAnnotations(), annotations));
    }
  }

  private static Map<String, String> merged(Map<String, String> have, Map<String, String> add) {
    Map<String, String> out = new LinkedHashMap<>();
    if (have != null) {
      out.putAll(have);
    }
    out.putAll(add);
    return out;
  }

  private static Map<String, String> strings(Map<String, Object> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }
}
