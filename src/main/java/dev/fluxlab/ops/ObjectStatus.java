package dev.fluxlab.ops;

import dev.fluxlab.api.FluxKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/**
 * One Flux object's state as {@code flux get} shows it: ready, reason and message of the Ready
 * condition, the revision it produced or applied, and whether it is suspended.
 *
 * @param settled Ready is True for the current generation and any requested reconcile was handled
 */
public record ObjectStatus(
    String cluster,
    FluxKind kind,
    String namespace,
    String name,
    String ready,
    String reason,
    String message,
    String revision,
    boolean suspended,
    boolean settled) {

  @SuppressWarnings("unchecked")
  public static ObjectStatus of(String cluster, FluxKind kind, GenericKubernetesResource obj) {
    Map<String, Object> props = obj.getAdditionalProperties();
    Map<String, Object> status =
        props.get("status") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Object> spec =
        props.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    String ready = "Unknown";
    String reason = "";
    String message = "waiting to be reconciled";
    if (status.get("conditions") instanceof List<?> conditions) {
      for (Object c : conditions) {
        if (c instanceof Map<?, ?> cond && "Ready".equals(cond.get("type"))) {
          ready = String.valueOf(cond.get("status"));
          reason = String.valueOf(cond.get("reason"));
          message = String.valueOf(cond.get("message"));
        }
      }
    }
    long generation =
        obj.getMetadata().getGeneration() == null ? 1 : obj.getMetadata().getGeneration();
    boolean observed =
        status.get("observedGeneration") instanceof Number n && n.longValue() == generation;
    var annotations = obj.getMetadata().getAnnotations();
    String requested =
        annotations == null ? null : annotations.get("reconcile.fluxcd.io/requestedAt");
    boolean handled = requested == null || requested.equals(status.get("lastHandledReconcileAt"));
    return new ObjectStatus(
        cluster,
        kind,
        obj.getMetadata().getNamespace(),
        obj.getMetadata().getName(),
        ready,
        reason,
        message,
        revision(kind, status),
        Boolean.TRUE.equals(spec.get("suspend")),
        "True".equals(ready) && observed && handled);
  }

  @SuppressWarnings("unchecked")
  private static String revision(FluxKind kind, Map<String, Object> status) {
    return switch (kind) {
      case GIT_REPOSITORY, HELM_REPOSITORY ->
          status.get("artifact") instanceof Map<?, ?> a
              ? String.valueOf(((Map<String, Object>) a).get("revision"))
              : "";
      case KUSTOMIZATION -> String.valueOf(status.getOrDefault("lastAppliedRevision", ""));
      case HELM_RELEASE -> String.valueOf(status.getOrDefault("lastAttemptedRevision", ""));
    };
  }

  public boolean isReady() {
    return "True".equals(ready);
  }

  /** {@code Kind/namespace/name} on cluster. */
  public String id() {
    return kind.kind() + "/" + namespace + "/" + name;
  }
}
