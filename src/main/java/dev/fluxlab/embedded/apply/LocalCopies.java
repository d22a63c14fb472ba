package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

/**
 * Where the applier may find a copy of an object without a request: the reconcile loop's informer
 * caches for the kinds it watches. The copy may lag the API server; the applier uses it only at the
 * resourceVersion a dry-run reports.
 */
@FunctionalInterface
public interface LocalCopies {
  LocalCopies NONE = (type, entry) -> null;

  /** A copy the caller may keep, or null when none is held. */
  GenericKubernetesResource find(ApiResource type, InventoryEntry entry);
}
