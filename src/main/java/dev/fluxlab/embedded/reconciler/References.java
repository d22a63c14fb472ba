package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * How Flux objects point at each other: {@code sourceRef}, {@code chart.spec.sourceRef}, {@code
 * dependsOn}.
 */
public final class References {
  private References() {}

  /** The source reference of a Kustomization or HelmRelease, or an empty map. */
  public static Map<String, Object> sourceRef(GenericKubernetesResource obj) {
    Map<String, Object> spec = Maps.spec(obj);
    Map<String, Object> ks = Maps.map(spec, "sourceRef");
    return ks.isEmpty() ? Maps.map(spec, "chart", "spec", "sourceRef") : ks;
  }

  /**
   * Whether {@code candidate} (in namespace {@code candidateNs}) refers to the object {@code
   * type}/{@code ns}/{@code name}, as its source or as a dependency.
   */
  static boolean refersTo(
      GenericKubernetesResource candidate,
      ApiResource type,
      String ns,
      String name,
      String candidateNs) {
    Map<String, Object> src = sourceRef(candidate);
    if (type.kind().equals(src.get("kind"))
        && name.equals(src.get("name"))
        && ns.equals(Maps.stringOr(src, candidateNs, "namespace"))) {
      return true;
    }
    if (!type.kind().equals(candidate.getKind())) {
      return false;
    }
    for (Object dep : Maps.list(Maps.spec(candidate), "dependsOn")) {
      if (name.equals(Maps.string(dep, "name"))
          && ns.equals(Maps.stringOr(dep, candidateNs, "namespace"))) {
        return true;
      }
    }
    return false;
  }
}
