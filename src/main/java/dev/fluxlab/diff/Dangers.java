package dev.fluxlab.diff;

import dev.fluxlab.diff.ClusterDiff.Added;
import dev.fluxlab.diff.ClusterDiff.Changed;
import dev.fluxlab.diff.ClusterDiff.Danger;
import dev.fluxlab.diff.ClusterDiff.DangerKind;
import dev.fluxlab.diff.ClusterDiff.Deleted;
import dev.fluxlab.diff.ClusterDiff.Fate;
import dev.fluxlab.diff.ClusterState.FluxOutcome;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The notes reviewers need beside the diff: what a suspended Kustomization will not apply, what
 * will be deleted, which changes a live cluster refuses (immutable fields), and RBAC changes.
 */
final class Dangers {
  private static final String RBAC_GROUP = "rbac.authorization.k8s.io";

  /** Kind to the fields that cannot be changed in place (path prefixes, as FieldChanges writes). */
  private static final Map<String, List<String>> IMMUTABLE =
      Map.of(
          "apps/Deployment",
          List.of("spec.selector"),
          "apps/ReplicaSet",
          List.of("spec.selector"),
          "apps/DaemonSet",
          List.of("spec.selector"),
          "batch/Job",
          List.of("spec.selector", "spec.template", "spec.completionMode"),
          "/Service",
          List.of("spec.clusterIP"),
          RBAC_GROUP + "/RoleBinding",
          List.of("roleRef"),
          RBAC_GROUP + "/ClusterRoleBinding",
          List.of("roleRef"));

  /** A StatefulSet's spec may change only in these fields. */
  private static final List<String> STATEFULSET_MUTABLE =
      List.of(
          "spec.replicas",
          "spec.ordinals",
          "spec.template",
          "spec.updateStrategy",
          "spec.persistentVolumeClaimRetentionPolicy",
          "spec.minReadySeconds");

  private final ClusterState base;
  private final ClusterState head;
  private final Predicate<String> changedUnderPath;

  Dangers(ClusterState base, ClusterState head, Predicate<String> changedUnderPath) {
    this.base = base;
    this.head = head;
    this.changedUnderPath = changedUnderPath;
  }

  List<Danger> notes(List<Added> added, List<Changed> changed, List<Deleted> deleted) {
    List<Danger> notes = new ArrayList<>();
    suspended(notes);
    deletions(deleted, notes);
    for (Changed c : changed) {
      immutable(c, notes);
    }
    rbac(added, changed, deleted, notes);
    return notes;
  }

  private void suspended(List<Danger> notes) {
    for (FluxOutcome now : head.outcomes().values()) {
      if (!now.suspended()) {
        continue;
      }
      FluxOutcome then = base.outcomes().get(now.id().key());
      String subject = now.id().toString();
      if (then != null && !then.suspended()) {
        notes.add(
            new Danger(
                DangerKind.SUSPENDED,
                subject,
                "becomes suspended: nothing under it is applied or pruned until it is resumed"));
      }
      if (!"Kustomization".equals(now.id().kind())) {
        continue;
      }
      LiveObject ks = head.objects().get(now.id().key());
      String path = ks == null ? null : Maps.string(ks.content(), "spec", "path");
      if (path != null && readsThisRepository(ks) && changedUnderPath.test(path)) {
        notes.add(
            new Danger(
                DangerKind.SUSPENDED,
                subject,
                "is suspended and files under "
                    + path
                    + " change: they are not applied until it is resumed"));
      }
    }
  }

  /** The root GitRepository is the repository being diffed; other sources are not compared. */
  private static boolean readsThisRepository(LiveObject ks) {
    Object ref = Maps.at(ks.content(), "spec", "sourceRef");
    String ns = Maps.string(ref, "namespace");
    return "GitRepository".equals(Maps.string(ref, "kind"))
        && "flux-system".equals(Maps.string(ref, "name"))
        && (ns == null ? ks.id().namespace() : ns).equals("flux-system");
  }

  private static void deletions(List<Deleted> deleted, List<Danger> notes) {
    for (Deleted d : deleted) {
      if (d.fate() != Fate.PRUNED && d.fate() != Fate.DELETED_BY_HELM) {
        continue;
      }
      String what = d.fate() == Fate.PRUNED ? "will be pruned" : "will be deleted by Helm";
      String extra =
          switch (d.id().kind()) {
            case "Namespace" -> ": everything in the namespace is deleted with it";
            case "PersistentVolumeClaim" -> ": its volume may be deleted with it";
            case "CustomResourceDefinition" -> ": every object of that kind is deleted with it";
            default -> "";
          };
      notes.add(
          new Danger(DangerKind.PRUNE, d.id().toString(), what + " (" + d.why() + ")" + extra));
    }
  }

  private void immutable(Changed c, List<Danger> notes) {
    String type = c.id().group() + "/" + c.id().kind();
    Set<String> refused = new LinkedHashSet<>();
    for (FieldChange f : c.fields()) {
      if (type.equals("apps/StatefulSet")) {
        if (f.path().startsWith("spec.")
            && STATEFULSET_MUTABLE.stream().noneMatch(p -> under(f.path(), p))) {
          refused.add(f.path());
        }
      } else if (type.equals("/PersistentVolumeClaim")) {
        if (f.path().startsWith("spec.") && !under(f.path(), "spec.resources.requests")) {
          refused.add(f.path());
        }
      } else if ((type.equals("/ConfigMap") || type.equals("/Secret")) && wasImmutable(c.id())) {
        if (under(f.path(), "data")
            || under(f.path(), "binaryData")
            || under(f.path(), "stringData")) {
          refused.add(f.path());
        }
      } else {
        for (String prefix : IMMUTABLE.getOrDefault(type, List.of())) {
          if (under(f.path(), prefix)) {
            refused.add(f.path());
          }
        }
      }
    }
    if (refused.isEmpty()) {
      return;
    }
    notes.add(
        new Danger(
            DangerKind.IMMUTABLE,
            c.id().toString(),
            String.join(", ", refused)
                + (refused.size() == 1 ? " is" : " are")
                + " immutable: "
                + consequence(c.owner())));
  }

  private String consequence(String owner) {
    if (owner == null) {
      return "an update of the live object fails";
    }
    if (owner.startsWith("Kustomization/")) {
      LiveObject ks = StateComparison.objectOf(head, owner);
      if (ks != null && Boolean.TRUE.equals(Maps.at(ks.content(), "spec", "force"))) {
        return owner + " has force: true and deletes and recreates the object";
      }
      return "the apply of " + owner + " fails on a live cluster (set force: true to recreate it)";
    }
    return "the Helm upgrade of " + owner + " fails on a live cluster";
  }

  private boolean wasImmutable(ObjectId id) {
    LiveObject then = base.objects().get(id.key());
    return then != null && Boolean.TRUE.equals(then.content().get("immutable"));
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + ".");
  }

  private static void rbac(
      List<Added> added, List<Changed> changed, List<Deleted> deleted, List<Danger> notes) {
    for (Added a : added) {
      if (RBAC_GROUP.equals(a.id().group())) {
        notes.add(new Danger(DangerKind.RBAC, a.id().toString(), "added" + grant(a.object())));
      }
    }
    for (Changed c : changed) {
      if (RBAC_GROUP.equals(c.id().group())) {
        notes.add(
            new Danger(
                DangerKind.RBAC,
                c.id().toString(),
                "changed: "
                    + String.join(", ", c.fields().stream().map(FieldChange::path).toList())));
      } else {
        for (FieldChange f : c.fields()) {
          if (f.path().equals("spec.serviceAccountName")
              && (c.id().group().endsWith(".toolkit.fluxcd.io"))) {
            notes.add(
                new Danger(
                    DangerKind.RBAC,
                    c.id().toString(),
                    "applies as another identity: serviceAccountName "
                        + f.before()
                        + " -> "
                        + f.after()));
          }
        }
      }
    }
    for (Deleted d : deleted) {
      if (RBAC_GROUP.equals(d.id().group())) {
        notes.add(new Danger(DangerKind.RBAC, d.id().toString(), "removed (" + d.why() + ")"));
      }
    }
  }

  /** "binds ClusterRole/admin to ServiceAccount/ns/sa" for a binding; "" for anything else. */
  private static String grant(Map<String, Object> object) {
    Object roleRef = object.get("roleRef");
    if (roleRef == null) {
      return "";
    }
    List<String> subjects = new ArrayList<>();
    if (object.get("subjects") instanceof List<?> list) {
      for (Object s : list) {
        String ns = Maps.string(s, "namespace");
        subjects.add(
            Maps.string(s, "kind") + "/" + (ns == null ? "" : ns + "/") + Maps.string(s, "name"));
      }
    }
    return ": binds "
        + Maps.string(roleRef, "kind")
        + "/"
        + Maps.string(roleRef, "name")
        + " to "
        + (subjects.isEmpty() ? "nobody" : String.join(", ", subjects));
  }
}
