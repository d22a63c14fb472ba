package dev.fluxlab.diff;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Flux object's status says about its last reconciliation: the Ready condition, whether it
 * is for the current generation, and whether the object is suspended.
 */
record FluxState(String ready, String reason, String message, boolean observed, boolean suspended) {

  static FluxState of(GenericKubernetesResource o) {
    Map<String, Object> status = Maps.map(o.getAdditionalProperties().get("status"));
    Map<String, Object> spec = Maps.map(o.getAdditionalProperties().get("spec"));
    String ready = "Unknown";
    String reason = "";
    String message = "";
    if (status.get("conditions") instanceof List<?> conditions) {
      for (Object c : conditions) {
        Map<String, Object> cond = Maps.map(c);
        if ("Ready".equals(cond.get("type"))) {
          ready = String.valueOf(cond.get("status"));
          reason = String.valueOf(cond.getOrDefault("reason", ""));
          message = String.valueOf(cond.getOrDefault("message", ""));
        }
      }
    }
    long generation = o.getMetadata().getGeneration() == null ? 1 : o.getMetadata().getGeneration();
    boolean observed =
        status.get("observedGeneration") instanceof Number n && n.longValue() == generation;
    return new FluxState(
        ready, reason, message, observed, Boolean.TRUE.equals(spec.get("suspend")));
  }

  static List<Map<String, Object>> dependsOn(GenericKubernetesResource o) {
    List<Map<String, Object>> deps = new ArrayList<>();
    if (Maps.map(o.getAdditionalProperties().get("spec")).get("dependsOn") instanceof List<?> l) {
      l.forEach(d -> deps.add(Maps.map(d)));
    }
    return deps;
  }

  boolean isReady() {
    return "True".equals(ready);
  }

  boolean isFailed() {
    return "False".equals(ready);
  }

  /** Reconciled to a verdict for its current spec, or not reconciled at all on purpose. */
  boolean settled() {
    return suspended || (observed && (isReady() || isFailed()));
  }

  String fingerprint() {
    return ready + "|" + reason + "|" + observed + "|" + suspended + "|" + message;
  }
}
