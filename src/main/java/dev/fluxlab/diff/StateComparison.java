package dev.fluxlab.diff;

import dev.fluxlab.diff.ClusterDiff.Added;
import dev.fluxlab.diff.ClusterDiff.Changed;
import dev.fluxlab.diff.ClusterDiff.Deleted;
import dev.fluxlab.diff.ClusterDiff.Fate;
import dev.fluxlab.diff.ClusterDiff.Outcome;
import dev.fluxlab.diff.ClusterState.FluxOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Compares the live state of one cluster at base and at head, object by object. */
final class StateComparison {
  private final ClusterState base;
  private final ClusterState head;
  private final Predicate<String> changedUnderPath;

  /**
   * @param changedUnderPath whether any file under a repository path (a Kustomization's {@code
   *     spec.path}) differs between base and head
   */
  StateComparison(ClusterState base, ClusterState head, Predicate<String> changedUnderPath) {
    this.base = base;
    this.head = head;
    this.changedUnderPath = changedUnderPath;
  }

  ClusterDiff compare(boolean atBase, boolean atHead) {
    List<Added> added = new ArrayList<>();
    List<Changed> changed = new ArrayList<>();
    List<Deleted> deleted = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(base.objects().keySet());
    keys.addAll(head.objects().keySet());
    for (String key : keys) {
      LiveObject before = base.objects().get(key);
      LiveObject after = head.objects().get(key);
      if (before == null) {
        added.add(
            new Added(after.id(), after.owner(), Masking.object(after.id(), after.content())));
      } else if (after == null) {
        deleted.add(deletion(before));
      } else {
        List<FieldChange> fields = FieldChanges.between(before.content(), after.content());
        if (!fields.isEmpty()) {
          changed.add(new Changed(after.id(), after.owner(), Masking.changes(after.id(), fields)));
        }
      }
    }
    sortById(added, Added::id);
    sortById(changed, Changed::id);
    sortById(deleted, Deleted::id);
    Dangers dangers = new Dangers(base, head, changedUnderPath);
    return new ClusterDiff(
        head.cluster(),
        atBase,
        atHead,
        added,
        changed,
        deleted,
        outcomes(),
        dangers.notes(added, changed, deleted));
  }

  /** Flux objects that fail at head, or whose Ready status is not what it was at base. */
  private List<Outcome> outcomes() {
    List<Outcome> outcomes = new ArrayList<>();
    for (FluxOutcome now : head.outcomes().values()) {
      FluxOutcome then = base.outcomes().get(now.id().key());
      String before = then == null ? null : then.ready();
      // A new object that is Ready is already listed as added.
      if (now.failed() || (then != null && !Objects.equals(before, now.ready()))) {
        outcomes.add(new Outcome(now.id(), before, now.ready(), now.reason(), now.message()));
      }
    }
    sortById(outcomes, Outcome::id);
    return outcomes;
  }

  private Deleted deletion(LiveObject gone) {
    String owner = gone.owner();
    if (owner == null) {
      return new Deleted(gone.id(), null, Fate.DELETED, "no longer in the cluster");
    }
    boolean helm = owner.startsWith("HelmRelease/");
    FluxOutcome ownerNow = outcomeOf(head, owner);
    LiveObject ownerThen = ownerNow == null ? objectOf(base, owner) : null;
    if (ownerThen != null) {
      // The owner is not applied at head either: when that is because something above it is
      // suspended or fails, this object is kept for the same reason.
      Deleted parent = deletion(ownerThen);
      if (parent.fate() == Fate.KEPT_FAILING || parent.fate() == Fate.KEPT_SUSPENDED) {
        return new Deleted(gone.id(), owner, parent.fate(), parent.why());
      }
    }
    if (ownerNow != null && ownerNow.suspended()) {
      return new Deleted(
          gone.id(),
          owner,
          Fate.KEPT_SUSPENDED,
          owner + " is suspended at head: the object stays as it is, unmanaged changes included");
    }
    if (ownerNow != null && ownerNow.failed()) {
      return new Deleted(
          gone.id(),
          owner,
          Fate.KEPT_FAILING,
          owner
              + " fails at head ("
              + ownerNow.reason()
              + "): the object keeps its base version until it is fixed");
    }
    if (helm) {
      return new Deleted(
          gone.id(),
          owner,
          Fate.DELETED_BY_HELM,
          ownerNow == null
              ? owner + " is removed: Helm uninstalls it"
              : "the Helm upgrade removes it");
    }
    LiveObject ks = ownerNow != null ? objectOf(head, owner) : null;
    if (ks == null) {
      ks = objectOf(base, owner);
    }
    boolean prune = ks != null && Boolean.TRUE.equals(Maps.at(ks.content(), "spec", "prune"));
    if (prune) {
      return new Deleted(
          gone.id(),
          owner,
          Fate.PRUNED,
          ownerNow == null
              ? owner + " is removed and prunes it"
              : "no longer in " + owner + ", which prunes it");
    }
    return new Deleted(
        gone.id(),
        owner,
        Fate.ORPHANED,
        owner + " has prune disabled: the object stays in the cluster, no longer managed");
  }

  /** The outcome of the Flux object named {@code Kind/namespace/name}. */
  static FluxOutcome outcomeOf(ClusterState state, String owner) {
    String key = keyOf(state, owner);
    return key == null ? null : state.outcomes().get(key);
  }

  /** The Flux object named {@code Kind/namespace/name}, or null. */
  static LiveObject objectOf(ClusterState state, String owner) {
    String key = keyOf(state, owner);
    return key == null ? null : state.objects().get(key);
  }

  static String keyOf(ClusterState state, String owner) {
    for (Map.Entry<String, FluxOutcome> e : state.outcomes().entrySet()) {
      ObjectId id = e.getValue().id();
      if ((id.kind() + "/" + id.namespace() + "/" + id.name()).equals(owner)) {
        return e.getKey();
      }
    }
    return null;
  }

  private static <T> void sortById(List<T> items, java.util.function.Function<T, ObjectId> id) {
    items.sort((a, b) -> id.apply(a).compareTo(id.apply(b)));
  }
}
