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
 * @param observed the controller has handled the current generation and any requested reconcile
 * @param stalled the {@code Stalled} condition is True: Flux says retrying cannot help
 * @param dependsOn the objects ({@link #id()} form) this one waits for
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
    boolean settled,
    boolean observed,
    boolean stalled,
    List<String> dependsOn) {

  public ObjectStatus {
    dependsOn = List.copyOf(dependsOn);
  }

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
    boolean stalled = false;
    if (status.get("conditions") instanceof List<?> conditions) {
      for (Object c : conditions) {
        if (c instanceof Map<?, ?> cond && "Ready".equals(cond.get("type"))) {
          ready = String.valueOf(cond.get("status"));
          reason = String.valueOf(cond.get("reason"));
          message = String.valueOf(cond.get("message"));
        }
        if (c instanceof Map<?, ?> cond
            && "Stalled".equals(cond.get("type"))
            && "True".equals(cond.get("status"))) {
          stalled = true;
        }
      }
    }
    long generation =
        obj.getMetadata().getGeneration() == null ? 1 : obj.getMetadata().getGeneration();
    boolean observed =
        status.get("observedGeneration") instanceof Number n && n.longValue() == generation;
    if (isStatic(kind, spec, status)) {
      // What flux get sources helm shows for a HelmRepository of type oci, which
      // source-controller leaves without a status (there is nothing to fetch).
      ready = "True";
      reason = "";
      message = "Helm repository is Ready";
      observed = true;
    }
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
        "True".equals(ready) && observed && handled,
        observed && handled,
        stalled,
        dependsOn(kind, obj.getMetadata().getNamespace(), spec));
  }

  /** A HelmRepository of type oci that source-controller left static (no conditions). */
  private static boolean isStatic(
      FluxKind kind, Map<String, Object> spec, Map<String, Object> status) {
    return kind == FluxKind.HELM_REPOSITORY
        && "oci".equals(spec.get("type"))
        && !(status.get("conditions") instanceof List<?> c && !c.isEmpty());
  }

  /** spec.dependsOn of Kustomizations and HelmReleases, as ids of the same kind. */
  private static List<String> dependsOn(FluxKind kind, String namespace, Map<String, Object> spec) {
    if (!(spec.get("dependsOn") instanceof List<?> refs)) {
      return List.of();
    }
    List<String> ids = new java.util.ArrayList<>();
    for (Object ref : refs) {
      if (ref instanceof Map<?, ?> r && r.get("name") != null) {
        Object ns = r.get("namespace") == null ? namespace : r.get("namespace");
        ids.add(kind.kind() + "/" + ns + "/" + r.get("name"));
      }
    }
    return ids;
  }

  @SuppressWarnings("unchecked")
  private static String revision(FluxKind kind, Map<String, Object> status) {
    return switch (kind) {
      case GIT_REPOSITORY, HELM_REPOSITORY, OCI_REPOSITORY ->
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
