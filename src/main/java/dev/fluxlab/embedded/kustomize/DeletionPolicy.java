package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.reconciler.Maps;
import java.util.Map;

/** {@code spec.deletionPolicy}: what a deleted Kustomization does with the objects it applied. */
enum DeletionPolicy {
  /** The default: delete them when {@code prune} is on. */
  MIRROR_PRUNE("MirrorPrune"),
  DELETE("Delete"),
  /** Delete them and wait (up to {@code timeout}) until they are gone. */
  WAIT_FOR_TERMINATION("WaitForTermination"),
  ORPHAN("Orphan");

  private final String value;

  DeletionPolicy(String value) {
    this.value = value;
  }

  static DeletionPolicy of(Map<String, Object> spec) {
    String v = Maps.stringOr(spec, "MirrorPrune", "deletionPolicy");
    for (DeletionPolicy p : values()) {
      if (p.value.equals(v)) {
        return p;
      }
    }
    return MIRROR_PRUNE; // the API server's enum validation keeps other values out
  }

  boolean deletes(boolean prune) {
    return switch (this) {
      case MIRROR_PRUNE -> prune;
      case DELETE, WAIT_FOR_TERMINATION -> true;
      case ORPHAN -> false;
    };
  }
}
