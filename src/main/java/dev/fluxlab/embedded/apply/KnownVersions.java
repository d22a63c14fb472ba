package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies of applied objects at a known resourceVersion: the last state the API server returned for
 * each (an apply response or a read), and whatever the reconcile loop's informers hold. An object
 * at a given resourceVersion is exactly one state, so when a dry-run reports the version a copy
 * has, that copy is the live object and the applier need not read it again. Any other version (the
 * object was changed by someone else, or a controller updated its status) is read from the API
 * server as before.
 */
final class KnownVersions {
  private final Map<InventoryEntry, GenericKubernetesResource> lastReturned =
      new ConcurrentHashMap<>();
  private final LocalCopies informers;
  private final KubernetesSerialization serialization;

  KnownVersions(LocalCopies informers, KubernetesSerialization serialization) {
    this.informers = informers;
    this.serialization = serialization;
  }

  /** A copy of the object at {@code resourceVersion}, or null when none is known. */
  GenericKubernetesResource at(ApiResource type, InventoryEntry entry, String resourceVersion) {
    GenericKubernetesResource watched = informers.find(type, entry);
    if (watched != null && resourceVersion.equals(watched.getMetadata().getResourceVersion())) {
      return watched;
    }
    GenericKubernetesResource returned = lastReturned.get(entry);
    if (returned != null && resourceVersion.equals(returned.getMetadata().getResourceVersion())) {
      return serialization.clone(returned);
    }
    return null;
  }

  /** Remembers what the API server returned for the object (managed fields left out). */
  void returned(InventoryEntry entry, GenericKubernetesResource obj) {
    GenericKubernetesResource copy = serialization.clone(obj);
    copy.getMetadata().setManagedFields(null);
    lastReturned.put(entry, copy);
  }

  void forget(InventoryEntry entry) {
    lastReturned.remove(entry);
  }
}
