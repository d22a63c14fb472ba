package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.ApiCatalog;
import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.Annotations;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.BoundedParallel;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Applies manifests to a cluster the way Flux's controllers do (fluxcd/pkg/ssa): server-side apply
 * with the controller's field manager and forced conflicts, in two stages —
 * CustomResourceDefinitions and Namespaces first (waited for), then everything else —, each object
 * dry-run before it is written and written only when the dry-run differs from the live object. The
 * API server validates, defaults and authorises every request; writes go through the client of the
 * identity the Kustomization or HelmRelease applies as, so RBAC is the API server's.
 */
public final class Applier {
  /** Requests in flight per apply: enough to keep the API server busy, few enough to share it. */
  private static final int IN_FLIGHT = 8;

  private static final Set<String> FIRST_STAGE = Set.of("CustomResourceDefinition", "Namespace");

  private final KubernetesClient admin;
  private final ApiCatalog catalog;
  private final KnownVersions known;

  /**
   * @param admin the controllers' own client, used for reads that need no identity
   */
  public Applier(KubernetesClient admin, ApiCatalog catalog) {
    this(admin, catalog, LocalCopies.NONE);
  }

  /**
   * @param informers copies of watched objects the comparison with a dry-run may use at the version
   *     the dry-run reports, instead of reading the object
   */
  public Applier(KubernetesClient admin, ApiCatalog catalog, LocalCopies informers) {
    this.admin = admin;
    this.catalog = catalog;
    this.known = new KnownVersions(informers, admin.getKubernetesSerialization());
  }

  /**
   * The outcome of one apply: the inventory, a line per created/configured object, and each object
   * as the API server last returned it (its apply response, or the live object when nothing was
   * applied) — a health check's first look that needs no read of its own.
   */
  public record Result(
      List<InventoryEntry> inventory,
      List<String> changes,
      Map<InventoryEntry, GenericKubernetesResource> observed) {}

  /** What applying one object did: the change made (null: none), and the object afterwards. */
  private record Outcome(String change, GenericKubernetesResource observed) {}

  /**
   * Applies all objects as {@code identity} with {@code fieldManager}. Every object is checked for
   * apiVersion, kind and name first, and every object of a stage is dry-run before any of that
   * stage is written, so a manifest the API server refuses changes nothing of its stage.
   */
  public Result apply(
      List<GenericKubernetesResource> objects, KubernetesClient identity, String fieldManager) {
    return apply(objects, identity, fieldManager, ApplyOptions.DEFAULT);
  }

  /** The same, with the owner's {@link ApplyOptions} (a Kustomization's {@code force}). */
  public Result apply(
      List<GenericKubernetesResource> objects,
      KubernetesClient identity,
      String fieldManager,
      ApplyOptions options) {
    objects.forEach(Applier::requireIdentity);
    List<GenericKubernetesResource> first = new ArrayList<>();
    List<GenericKubernetesResource> rest = new ArrayList<>();
    for (GenericKubernetesResource o : objects) {
      (FIRST_STAGE.contains(o.getKind()) ? first : rest).add(o);
    }
    List<InventoryEntry> inventory = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    Map<InventoryEntry, GenericKubernetesResource> observed = new LinkedHashMap<>();
    applyStage(first, identity, fieldManager, options, inventory, changes, observed);
    awaitEstablished(first);
    applyStage(rest, identity, fieldManager, options, inventory, changes, observed);
    return new Result(inventory, changes, observed);
  }

  private void applyStage(
      List<GenericKubernetesResource> stage,
      KubernetesClient identity,
      String fieldManager,
      ApplyOptions options,
      List<InventoryEntry> inventory,
      List<String> changes,
      Map<InventoryEntry, GenericKubernetesResource> observed) {
    List<ApiResource> types = new ArrayList<>();
    for (GenericKubernetesResource obj : stage) {
      types.add(typeOf(obj));
    }
    List<Integer> indexes = java.util.stream.IntStream.range(0, stage.size()).boxed().toList();
    // Every object is dry-run before any is applied (an invalid one changes nothing), then each
    // is applied unless unchanged; both a few at a time, reported in the order of the input.
    List<GenericKubernetesResource> dryRuns =
        BoundedParallel.map(
            indexes,
            IN_FLIGHT,
            i -> dryRunOrRecreate(types.get(i), stage.get(i), identity, fieldManager, options));
    List<Outcome> applied =
        BoundedParallel.map(
            indexes,
            IN_FLIGHT,
            i -> applyOne(types.get(i), stage.get(i), dryRuns.get(i), identity, fieldManager));
    for (int i = 0; i < stage.size(); i++) {
      InventoryEntry entry = InventoryEntry.of(types.get(i), stage.get(i));
      inventory.add(entry);
      Outcome outcome = applied.get(i);
      if (outcome.change() != null) {
        changes.add(outcome.change());
      }
      if (outcome.observed() != null) {
        observed.put(entry, outcome.observed());
      }
    }
  }

  /** Applies one dry-run object unless the live one already matches. */
  private Outcome applyOne(
      ApiResource type,
      GenericKubernetesResource obj,
      GenericKubernetesResource dryRun,
      KubernetesClient identity,
      String fieldManager) {
    InventoryEntry entry = InventoryEntry.of(type, obj);
    // A dry-run of an object that does not exist yet is a dry-run create, which the API server
    // answers without a resourceVersion: then there is no live object to read and compare.
    GenericKubernetesResource live = isNew(dryRun) ? null : liveAt(type, entry, dryRun);
    if (live != null && "IfNotPresent".equals(annotation(obj, Annotations.SSA))) {
      return new Outcome(null, live);
    }
    if (live != null && sameContent(live, dryRun)) {
      return new Outcome(null, live);
    }
    GenericKubernetesResource written;
    try {
      written =
          op(identity, type, entry)
              .resource(obj)
              .fieldManager(fieldManager)
              .forceConflicts()
              .serverSideApply();
    } catch (KubernetesClientException e) {
      throw new ApplyException(entry + " apply failed (" + reason(e) + "): " + message(e));
    }
    known.returned(entry, written);
    return new Outcome(entry + (live == null ? " created" : " configured"), written);
  }

  /**
   * The live object the dry-run of an existing object compares with: a dry-run leaves the
   * resourceVersion as it is, so a copy at that version is the live object; otherwise a read.
   */
  private GenericKubernetesResource liveAt(
      ApiResource type, InventoryEntry entry, GenericKubernetesResource dryRun) {
    GenericKubernetesResource copy =
        known.at(type, entry, dryRun.getMetadata().getResourceVersion());
    if (copy != null) {
      return copy;
    }
    GenericKubernetesResource live = resource(admin, type, entry).get();
    if (live != null) {
      known.returned(entry, live);
    }
    return live;
  }

  private static boolean isNew(GenericKubernetesResource dryRun) {
    String version = dryRun.getMetadata().getResourceVersion();
    return version == null || version.isEmpty();
  }

  private ApiResource typeOf(GenericKubernetesResource obj) {
    String name = obj.getMetadata().getName();
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
    if (type.namespaced() && (ns == null || ns.isEmpty())) {
      throw new ApplyException(
          obj.getKind()
              + "/"
              + name
              + " namespace not specified: the server could not find the requested resource");
    }
    if (!type.namespaced() && ns != null) {
      obj.getMetadata().setNamespace(null);
    }
    return type;
  }

  /**
   * A server-side dry-run of {@code obj}. With Flux's force on for the object, a dry-run the API
   * server refuses as Invalid (an immutable field changed) deletes the live object and is repeated,
   * so that the apply recreates it, as fluxcd/pkg/ssa does.
   */
  private GenericKubernetesResource dryRunOrRecreate(
      ApiResource type,
      GenericKubernetesResource obj,
      KubernetesClient identity,
      String manager,
      ApplyOptions options) {
    boolean force = options.force() || "enabled".equals(annotation(obj, Annotations.FORCE));
    InventoryEntry entry = InventoryEntry.of(type, obj);
    try {
      return dryRun(type, entry, obj, identity, manager);
    } catch (KubernetesClientException e) {
      if (!force || e.getCode() != 422) {
        throw dryRunFailed(entry, e);
      }
    }
    resource(identity, type, entry).withTimeout(30, TimeUnit.SECONDS).delete();
    try {
      return dryRun(type, entry, obj, identity, manager);
    } catch (KubernetesClientException e) {
      throw dryRunFailed(entry, e);
    }
  }

  private GenericKubernetesResource dryRun(
      ApiResource type,
      InventoryEntry entry,
      GenericKubernetesResource obj,
      KubernetesClient identity,
      String manager) {
    return op(identity, type, entry)
        .resource(obj)
        .dryRun()
        .fieldManager(manager)
        .forceConflicts()
        .serverSideApply();
  }

  private static ApplyException dryRunFailed(InventoryEntry entry, KubernetesClientException e) {
    // fluxcd/pkg/ssa: a NotFound while dry-running is the object's namespace.
    if (e.getCode() == 404) {
      return new ApplyException(entry + " namespace not specified: " + message(e));
    }
    return new ApplyException(entry + " dry-run failed (" + reason(e) + "): " + message(e));
  }

  /** Deletes inventory entries that are no longer applied, unless marked to be kept. */
  public List<String> prune(List<InventoryEntry> stale, KubernetesClient identity) {
    List<String> deleted = new ArrayList<>();
    for (InventoryEntry entry : stale) {
      ApiResource type = catalog.find(entry.apiVersion(), entry.kind()).orElse(null);
      if (type == null) {
        continue; // its CRD is gone, and the objects with it
      }
      GenericKubernetesResource live = resource(admin, type, entry).get();
      if (live == null || "disabled".equals(annotation(live, Annotations.PRUNE))) {
        continue;
      }
      try {
        resource(identity, type, entry).delete();
      } catch (KubernetesClientException e) {
        throw new ApplyException(entry + " delete failed (" + reason(e) + "): " + message(e));
      }
      known.forget(entry);
      deleted.add(entry + " deleted");
    }
    return deleted;
  }

  /** Reads the live object of an inventory entry, or null. */
  public GenericKubernetesResource live(InventoryEntry entry) {
    return catalog
        .find(entry.apiVersion(), entry.kind())
        .map(type -> resource(admin, type, entry).get())
        .orElse(null);
  }

  private void awaitEstablished(List<GenericKubernetesResource> firstStage) {
    for (GenericKubernetesResource o : firstStage) {
      if ("CustomResourceDefinition".equals(o.getKind())) {
        FluxCrds.awaitEstablished(admin, o.getMetadata().getName());
      }
    }
  }

  /**
   * Whether applying would change nothing: the dry-run result equals the live object but for what
   * the API server changes on every write.
   */
  private boolean sameContent(GenericKubernetesResource live, GenericKubernetesResource dryRun) {
    return comparable(live).equals(comparable(dryRun));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> comparable(GenericKubernetesResource obj) {
    Map<String, Object> m =
        new LinkedHashMap<>(admin.getKubernetesSerialization().convertValue(obj, Map.class));
    Object meta = m.get("metadata");
    if (meta instanceof Map<?, ?> md) {
      Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) md);
      copy.remove("managedFields");
      copy.remove("resourceVersion");
      copy.remove("generation");
      m.put("metadata", copy);
    }
    return m;
  }

  private static void requireIdentity(GenericKubernetesResource obj) {
    String name = obj.getMetadata() == null ? null : obj.getMetadata().getName();
    if (obj.getKind() == null || obj.getApiVersion() == null || name == null) {
      throw new ApplyException("object has no apiVersion, kind or metadata.name: " + describe(obj));
    }
  }

  private static NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      op(KubernetesClient client, ApiResource type, InventoryEntry entry) {
    var all = client.genericKubernetesResources(type.apiVersion(), type.kind());
    return entry.namespace().isEmpty() ? all : all.inNamespace(entry.namespace());
  }

  private static Resource<GenericKubernetesResource> resource(
      KubernetesClient client, ApiResource type, InventoryEntry entry) {
    return op(client, type, entry).withName(entry.name());
  }

  private static String reason(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getReason() != null
        ? e.getStatus().getReason()
        : String.valueOf(e.getCode());
  }

  private static String message(KubernetesClientException e) {
    return e.getStatus() != null && e.getStatus().getMessage() != null
        ? e.getStatus().getMessage()
        : e.getMessage();
  }

  private static String annotation(GenericKubernetesResource obj, String key) {
    var a = obj.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  private static String describe(GenericKubernetesResource obj) {
    return String.valueOf(Maps.deepCopy(obj.getAdditionalProperties()))
        .lines()
        .findFirst()
        .orElse("");
  }
}
