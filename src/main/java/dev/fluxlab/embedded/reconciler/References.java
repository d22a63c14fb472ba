package dev.fluxlab.embedded.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * How Flux objects point at each other: {@code sourceRef}, {@code chart.spec.sourceRef}, {@code
 * chartRef}, {@code dependsOn}.
 */
public final class References {
  private References() {}

  /** The source reference of a Kustomization or HelmRelease, or an empty map. */
  public static Map<String, Object> sourceRef(GenericKubernetesResource obj) {
    Map<String, Object> spec = Maps.spec(obj);
    Map<String, Object> ks = Maps.map(spec, "sourceRef");
    if (!ks.isEmpty()) {
      return ks;
    }
    Map<String, Object> chart = Maps.map(spec, "chart", "spec", "sourceRef");
    return chart.isEmpty() ? Maps.map(spec, "chartRef") : chart;
  }
}
