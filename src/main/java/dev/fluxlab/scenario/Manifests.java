package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxLabException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;

/** Applies and patches arbitrary objects on a cluster, recording what it created for cleanup. */
final class Manifests {
  private final Environment env;
  private final ObjectProbe probe;
  private final Cleanup cleanup;

  Manifests(Environment env, Cleanup cleanup) {
    this.env = env;
    this.probe = new ObjectProbe(env);
    this.cleanup = cleanup;
  }

  void apply(String cluster, Action.Apply apply) {
    for (Map<String, Object> doc : apply.documents()) {
      ObjectRef ref = refOf(doc, apply.namespace());
      var serialization = env.client(cluster).getKubernetesSerialization();
      GenericKubernetesResource obj =
          serialization.convertValue(doc, GenericKubernetesResource.class);
      if (ref.namespace() != null) {
        obj.getMetadata().setNamespace(ref.namespace());
      }
      if (probe.get(cluster, ref) == null) {
        env.client(cluster).resource(obj).create();
        cleanup.created(cluster, ref);
      } else {
        // An update changes what the manifest gives and keeps the rest, like kubectl apply.
        probe
            .resource(cluster, ref)
            .patch(PatchContext.of(PatchType.JSON_MERGE), serialization.asJson(obj));
      }
    }
  }

  void patch(String cluster, Action.Patch patch) {
    if (probe.get(cluster, patch.target()) == null) {
      throw new FluxLabException(patch.target() + " does not exist on " + cluster);
    }
    String json = env.client(cluster).getKubernetesSerialization().asJson(patch.merge());
    probe.resource(cluster, patch.target()).patch(PatchContext.of(PatchType.JSON_MERGE), json);
  }

  /**
   * The reference of a manifest document. Whether the kind is namespaced is not known without
   * discovery: a document without a namespace gets the step's (or "default") unless its kind is one
   * of the common cluster-scoped kinds.
   */
  @SuppressWarnings("unchecked")
  static ObjectRef refOf(Map<String, Object> doc, String defaultNamespace) {
    Map<String, Object> metadata = (Map<String, Object>) doc.get("metadata");
    String kind = String.valueOf(doc.get("kind"));
    Object ns = metadata.get("namespace");
    String namespace =
        ns != null
            ? String.valueOf(ns)
            : ClusterScoped.KINDS.contains(kind)
                ? null
                : defaultNamespace != null ? defaultNamespace : "default";
    return new ObjectRef(
        String.valueOf(doc.get("apiVersion")),
        kind,
        namespace,
        String.valueOf(metadata.get("name")));
  }
}
