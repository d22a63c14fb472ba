package dev.fluxlab.diff;

import java.util.List;
import java.util.Map;

/**
 * What a change does to one cluster: objects added, changed (field by field) and deleted, the Flux
 * objects whose outcome differs or that fail at head, and the notes a reviewer must not miss.
 *
 * @param atBase whether the cluster's path exists at base (false: a new cluster)
 * @param atHead whether it exists at head (false: the cluster is removed)
 */
public record ClusterDiff(
    String cluster,
    boolean atBase,
    boolean atHead,
    List<Added> added,
    List<Changed> changed,
    List<Deleted> deleted,
    List<Outcome> outcomes,
    List<Danger> dangers) {

  public ClusterDiff {
    added = List.copyOf(added);
    changed = List.copyOf(changed);
    deleted = List.copyOf(deleted);
    outcomes = List.copyOf(outcomes);
    dangers = List.copyOf(dangers);
  }

  /** An object that exists only at head; Secret values masked. */
  public record Added(ObjectId id, String owner, Map<String, Object> object) {}

  /** An object whose fields differ; Secret values masked. */
  public record Changed(ObjectId id, String owner, List<FieldChange> fields) {}

  /**
   * An object that exists only at base.
   *
   * @param fate what happens to it on a live cluster, and why
   */
  public record Deleted(ObjectId id, String owner, Fate fate, String why) {}

  /** What becomes of an object that head no longer applies. */
  public enum Fate {
    /** Deleted by its Kustomization's garbage collection ({@code prune: true}). */
    PRUNED,
    /** Deleted by Helm (an upgrade without it, or an uninstall). */
    DELETED_BY_HELM,
    /** Left in the cluster, no longer managed ({@code prune: false}). */
    ORPHANED,
    /** Left as it is: its Kustomization or HelmRelease is suspended at head. */
    KEPT_SUSPENDED,
    /** Left at its base version: its Kustomization or HelmRelease fails at head. */
    KEPT_FAILING,
    /** Not managed by Flux (no owner found). */
    DELETED
  }

  /**
   * A Flux object whose Ready condition differs between base and head, or that fails at head.
   *
   * @param before Ready at base ("True", "False", "Unknown") or null when it is new
   */
  public record Outcome(ObjectId id, String before, String ready, String reason, String message) {
    public boolean failsAtHead() {
      return "False".equals(ready);
    }
  }

  /** A note for reviewers. */
  public record Danger(DangerKind kind, String subject, String message) {}

  public enum DangerKind {
    SUSPENDED,
    PRUNE,
    IMMUTABLE,
    RBAC
  }

  public boolean hasChanges() {
    return !added.isEmpty()
        || !changed.isEmpty()
        || !deleted.isEmpty()
        || outcomes.stream().anyMatch(o -> o.before() == null || !o.before().equals(o.ready()))
        || !dangers.isEmpty();
  }

  public boolean hasFailures() {
    return outcomes.stream().anyMatch(Outcome::failsAtHead);
  }

  public long failing() {
    return outcomes.stream().filter(Outcome::failsAtHead).count();
  }
}
