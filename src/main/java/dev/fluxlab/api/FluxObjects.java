package dev.fluxlab.api;

import dev.fluxlab.util.Conflicts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and nudges the Flux objects of one cluster through its API, as the {@code flux} CLI does:
 * list, get, request a reconcile (the {@code reconcile.fluxcd.io/requestedAt} annotation), suspend
 * and resume. Works the same on every backend.
 */
public final class FluxObjects {
  public static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

  private final KubernetesClient client;

  public FluxObjects(KubernetesClient client) {
    this.client = client;
  }

  public List<GenericKubernetesResource> list(FluxKind kind) {
    var list =
        client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inAnyNamespace().list();
    return list == null ? List.of() : list.getItems();
  }

  /** Every Flux object, in `flux get all` order. */
  public List<GenericKubernetesResource> all() {
    List<GenericKubernetesResource> all = new ArrayList<>();
    for (FluxKind k : FluxKind.values()) {
      all.addAll(list(k));
    }
    return all;
  }

  public GenericKubernetesResource get(FluxKind kind, String namespace, String name) {
    return client
        .genericKubernetesResources(kind.apiVersion(), kind.kind())
        .inNamespace(namespace)
        .withName(name)
        .get();
  }

  /**
   * Asks the controller to reconcile now, as {@code flux reconcile} does.
   *
   * @return the annotation value, which {@code status.lastHandledReconcileAt} echoes when handled
   * @throws FluxLabException when the object does not exist
   */
  public String requestReconcile(FluxKind kind, String namespace, String name) {
    String stamp = Instant.now().toString();
    edit(
        kind,
        namespace,
        name,
        obj -> {
          Map<String, String> annotations = new LinkedHashMap<>();
          if (obj.getMetadata().getAnnotations() != null) {
            annotations.putAll(obj.getMetadata().getAnnotations());
          }
          annotations.put(REQUESTED_AT, stamp);
          obj.getMetadata().setAnnotations(annotations);
        });
    return stamp;
  }

  public void setSuspended(FluxKind kind, String namespace, String name, boolean suspended) {
    edit(
        kind,
        namespace,
        name,
        obj -> {
          @SuppressWarnings("unchecked")
          Map<String, Object> spec =
              (Map<String, Object>) obj.getAdditionalProperties().get("spec");
          Map<String, Object> copy =
              spec == null ? new LinkedHashMap<>() : new LinkedHashMap<>(spec);
          if (suspended) {
            copy.put("suspend", true);
          } else {
            copy.remove("suspend");
          }
          obj.getAdditionalProperties().put("spec", copy);
        });
  }

  private void edit(
      FluxKind kind,
      String namespace,
      String name,
      java.util.function.Consumer<GenericKubernetesResource> change) {
    var resource =
        client
            .genericKubernetesResources(kind.apiVersion(), kind.kind())
            .inNamespace(namespace)
            .withName(name);
    if (resource.get() == null) {
      throw new FluxLabException(kind.kind() + " " + namespace + "/" + name + " not found");
    }
    Conflicts.retry(
        () -> {
          GenericKubernetesResource obj = resource.get();
          change.accept(obj);
          client.genericKubernetesResources(kind.apiVersion(), kind.kind()).resource(obj).update();
        });
  }
}
