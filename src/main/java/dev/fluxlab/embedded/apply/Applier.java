package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.ApiCatalog;
import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.reconciler.Annotations;
import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies manifests to one embedded cluster with the guarantees Flux's server-side apply gives:
 * objects in dependency order (CRDs and namespaces first), only owned fields overwritten (see
 * {@link ThreeWayMerge}), no write when nothing changed, the API server's refusals reproduced
 * (unknown kinds, missing namespaces), and pruning limited to what this owner applied.
 */
public final class Applier {
  private static final List<String> FIRST_KINDS =
      List.of("CustomResourceDefinition", "Namespace", "ClusterRole", "ClusterRoleBinding");

  private final KubernetesClient client;
  private final ApiCatalog catalog;

  /** What each object looked like when last applied, per object id: the owned fields. */
  private final Map<String, Map<String, Object>> lastApplied = new ConcurrentHashMap<>();

  public Applier(KubernetesClient client, ApiCatalog catalog) {
    this.client = client;
    this.catalog = catalog;
  }

  /** The outcome of one apply: the inventory and a line per created/configured object. */
  public record Result(List<InventoryEntry> inventory, List<String> changes) {}

  /**
   * Applies all objects. Validation happens first for every object, so a bad manifest changes
   * nothing (as Flux's dry-run stage guarantees).
   */
  public Result apply(List<GenericKubernetesResource> objects, Authorizer authorizer) {
    return apply(objects, authorizer, ApplyOptions.DEFAULT);
  }

  /** The same, with the owner's {@link ApplyOptions}. */
  public Result apply(
      List<GenericKubernetesResource> objects, Authorizer authorizer, ApplyOptions options) {
    List<GenericKubernetesResource> ordered = new ArrayList<>(objects);
    ordered.sort(Comparator.comparingInt(Applier::rank));
    Set<String> namespacesInBatch = new HashSet<>();
    for (GenericKubernetesResource obj : ordered) {
      if ("Namespace".equals(obj.getKind())) {
        namespacesInBatch.add(obj.getMetadata().getName());
      }
    }
    List<ApiResource> types = new ArrayList<>();
    for (GenericKubernetesResource obj : ordered) {
      types.add(validate(obj, namespacesInBatch, authorizer));
    }
    List<InventoryEntry> inventory = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      GenericKubernetesResource obj = ordered.get(i);
      ApiResource type = types.get(i);
      InventoryEntry entry = InventoryEntry.of(type, obj);
      String change = applyOne(type, obj, entry, options);
      inventory.add(entry);
      if (change != null) {
        changes.add(entry + " " + change);
      }
    }
    return new Result(inventory, changes);
  }

  private ApiResource validate(
      GenericKubernetesResource obj, Set<String> namespacesInBatch, Authorizer authorizer) {
    String name = obj.getMetadata() == null ? null : obj.getMetadata().getName();
    if (obj.getKind() == null || obj.getApiVersion() == null || name == null) {
      throw new ApplyException("object has no apiVersion, kind or metadata.name: " + describe(obj));
    }
    ApiResource type =
        catalog
            .find(obj.getApiVersion(), obj.getKind())
            .orElseThrow(
                () ->
                    new ApplyException(
                        obj.getKind()
                            + "/"
                            + name
                            + " dry-run failed: no matches for kind \""
                            + obj.getKind()
                            + "\" in version \""
                            + obj.getApiVersion()
                            + "\""));
    String ns = obj.getMetadata().getNamespace();
    if (type.namespaced()) {
      if (ns == null || ns.isEmpty()) {
        throw new ApplyException(
            obj.getKind()
                + "/"
                + name
                + " namespace not specified: the server could not find the requested resource");
      }
      if (!namespacesInBatch.contains(ns) && client.namespaces().withName(ns).get() == null) {
        throw new ApplyException(
            obj.getKind()
                + "/"
                + ns
                + "/"
                + name
                + " namespace not specified: namespaces \""
                + ns
                + "\" not found");
      }
    } else if (ns != null) {
      obj.getMetadata().setNamespace(null);
    }
    InventoryEntry entry = InventoryEntry.of(type, obj);
    try {
      authorizer.check("patch", type, type.namespaced() ? ns : null, name);
    } catch (ForbiddenException e) {
      // fluxcd/pkg/ssa's DryRunErr: the object, the stage, the API error's reason, its message.
      throw new ApplyException(entry + " dry-run failed (Forbidden): " + e.getMessage());
    }
    return type;
  }

  private String applyOne(
      ApiResource type, GenericKubernetesResource obj, InventoryEntry entry, ApplyOptions options) {
    Resource<GenericKubernetesResource> resource = resource(type, entry);
    GenericKubernetesResource live = resource.get();
    Map<String, Object> desired = asMap(obj);
    desired.remove("status");
    if (live == null) {
      GenericKubernetesResource created =
          client.genericKubernetesResources(type.apiVersion(), type.kind()).resource(obj).create();
      lastApplied.put(entry.id(), desired);
      return created != null ? "created" : null;
    }
    if ("IfNotPresent".equals(annotation(obj, Annotations.SSA))) {
      return null;
    }
    Map<String, Object> liveMap = asMap(live);
    Map<String, Object> merged = ThreeWayMerge.merge(liveMap, lastApplied.get(entry.id()), desired);
    lastApplied.put(entry.id(), desired);
    if (merged.equals(liveMap)) {
      return null;
    }
    GenericKubernetesResource updated =
        client.getKubernetesSerialization().convertValue(merged, GenericKubernetesResource.class);
    try {
      client.genericKubernetesResources(type.apiVersion(), type.kind()).resource(updated).update();
    } catch (KubernetesClientException e) {
      boolean force = options.force() || "enabled".equals(annotation(obj, Annotations.FORCE));
      if (force && e.getCode() == 422) {
        // Flux's force: an update refused as invalid (an immutable field) becomes delete + create.
        resource.delete();
        client.genericKubernetesResources(type.apiVersion(), type.kind()).resource(obj).create();
        return "created";
      }
      throw new ApplyException(entry + " apply failed: " + e.getStatus().getMessage());
    }
    return "configured";
  }

  /** Deletes inventory entries that are no longer applied, unless marked to be kept. */
  public List<String> prune(List<InventoryEntry> stale, Authorizer authorizer) {
    List<String> deleted = new ArrayList<>();
    for (InventoryEntry entry : stale) {
      ApiResource type = catalog.find(entry.apiVersion(), entry.kind()).orElse(null);
      if (type == null) {
        continue; // its CRD is gone, and the objects with it
      }
      Resource<GenericKubernetesResource> resource = resource(type, entry);
      GenericKubernetesResource live = resource.get();
      if (live == null || "disabled".equals(annotation(live, Annotations.PRUNE))) {
        continue;
      }
      try {
        authorizer.check(
            "delete", type, entry.namespace().isEmpty() ? null : entry.namespace(), entry.name());
      } catch (ForbiddenException e) {
        throw new ApplyException(entry + " delete failed: " + e.getMessage());
      }
      resource.delete();
      lastApplied.remove(entry.id());
      deleted.add(entry + " deleted");
    }
    return deleted;
  }

  /** Reads the live object of an inventory entry, or null. */
  public GenericKubernetesResource live(InventoryEntry entry) {
    return catalog
        .find(entry.apiVersion(), entry.kind())
        .map(type -> resource(type, entry).get())
        .orElse(null);
  }

  private Resource<GenericKubernetesResource> resource(ApiResource type, InventoryEntry entry) {
    NonNamespaceOperation<
            GenericKubernetesResource,
            GenericKubernetesResourceList,
            Resource<GenericKubernetesResource>>
        op =
            entry.namespace().isEmpty()
                ? client.genericKubernetesResources(type.apiVersion(), type.kind())
                : client
                    .genericKubernetesResources(type.apiVersion(), type.kind())
                    .inNamespace(entry.namespace());
    return op.withName(entry.name());
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> asMap(GenericKubernetesResource obj) {
    return new LinkedHashMap<>(client.getKubernetesSerialization().convertValue(obj, Map.class));
  }

  private static String annotation(GenericKubernetesResource obj, String key) {
    var a = obj.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  private static int rank(GenericKubernetesResource obj) {
    int i = FIRST_KINDS.indexOf(obj.getKind());
    return i < 0 ? FIRST_KINDS.size() : i;
  }

  private static String describe(GenericKubernetesResource obj) {
    return String.valueOf(Maps.deepCopy(obj.getAdditionalProperties()))
        .lines()
        .findFirst()
        .orElse("");
  }
}
