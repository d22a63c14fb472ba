package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.ApiCatalog;
import dev.fluxlab.embedded.apply.InventoryEntry;
import dev.fluxlab.embedded.reconciler.Annotations;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rendered manifests into the objects of a release: hooks left out (the embedded backend does
 * not run Helm hooks), namespaced objects defaulted to the release namespace, and the labels and
 * annotations Helm and helm-controller put on what they install.
 */
final class ReleaseObjects {
  static final String HOOK = "helm.sh/hook";

  private final ApiCatalog catalog;
  private final KubernetesSerialization serialization;

  ReleaseObjects(ApiCatalog catalog, KubernetesSerialization serialization) {
    this.catalog = catalog;
    this.serialization = serialization;
  }

  /** The objects to apply for a freshly rendered release. */
  List<GenericKubernetesResource> prepare(
      String rendered, HelmReleaseSpec spec, String releaseName, String releaseNamespace) {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    List<Map<String, Object>> docs;
    try {
      docs = Yaml.documents(rendered);
    } catch (IllegalArgumentException e) {
      throw new ReleaseException(
          "RenderFailed", "rendered manifests are not valid YAML: " + e.getMessage());
    }
    for (Map<String, Object> doc : docs) {
      GenericKubernetesResource o =
          serialization.convertValue(doc, GenericKubernetesResource.class);
      if (o.getMetadata() == null || o.getKind() == null) {
        throw new ReleaseException(
            "RenderFailed", "rendered object without kind or metadata: " + doc);
      }
      if (annotations(o).containsKey(HOOK)) {
        continue;
      }
      if (catalog.isNamespaced(o.getApiVersion(), o.getKind())
          && (o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().isEmpty())) {
        o.getMetadata().setNamespace(releaseNamespace);
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (o.getMetadata().getLabels() != null) {
        labels.putAll(o.getMetadata().getLabels());
      }
      labels.put("app.kubernetes.io/managed-by", "Helm");
      labels.put(Annotations.HELM_NAME, spec.name());
      labels.put(Annotations.HELM_NAMESPACE, spec.namespace());
      o.getMetadata().setLabels(labels);
      Map<String, String> annotations = annotations(o);
      annotations.put("meta.helm.sh/release-name", releaseName);
      annotations.put("meta.helm.sh/release-namespace", releaseNamespace);
      o.getMetadata().setAnnotations(annotations);
      objects.add(o);
    }
    return objects;
  }

  /** The release manifest Helm stores: every object, as YAML documents. */
  String manifest(List<GenericKubernetesResource> objects) {
    List<Object> docs = new ArrayList<>();
    for (GenericKubernetesResource o : objects) {
      docs.add(serialization.convertValue(o, Map.class));
    }
    return Yaml.writeAll(docs);
  }

  /** The objects of a stored release manifest (for drift correction and uninstall). */
  List<GenericKubernetesResource> parse(String manifest) {
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (Map<String, Object> doc : Yaml.documents(manifest)) {
      objects.add(serialization.convertValue(doc, GenericKubernetesResource.class));
    }
    return objects;
  }

  /** Inventory entries of objects whose kinds the cluster still serves. */
  List<InventoryEntry> inventory(List<GenericKubernetesResource> objects) {
    List<InventoryEntry> entries = new ArrayList<>();
    for (GenericKubernetesResource o : objects) {
      catalog
          .find(o.getApiVersion(), o.getKind())
          .ifPresent(type -> entries.add(InventoryEntry.of(type, o)));
    }
    return entries;
  }

  private static Map<String, String> annotations(GenericKubernetesResource o) {
    Map<String, String> a = new LinkedHashMap<>();
    if (o.getMetadata().getAnnotations() != null) {
      a.putAll(o.getMetadata().getAnnotations());
    }
    return a;
  }
}
