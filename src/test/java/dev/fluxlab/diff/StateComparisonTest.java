package dev.fluxlab.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.diff.ClusterDiff.DangerKind;
import dev.fluxlab.diff.ClusterDiff.Fate;
import dev.fluxlab.diff.ClusterState.FluxOutcome;
import dev.fluxlab.util.Yaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison of two live states: what it reports, masks and warns about. */
class StateComparisonTest {
  private static final String APPS = "Kustomization/flux-system/apps";

  private final Map<String, LiveObject> base = new LinkedHashMap<>();
  private final Map<String, LiveObject> head = new LinkedHashMap<>();
  private final Map<String, FluxOutcome> baseOutcomes = new LinkedHashMap<>();
  private final Map<String, FluxOutcome> headOutcomes = new LinkedHashMap<>();

  private static LiveObject object(String owner, String yaml) {
    Map<String, Object> m = Yaml.map(yaml);
    ObjectId id =
        new ObjectId(
            (String) m.get("apiVersion"),
            (String) m.get("kind"),
            Maps.string(m, "metadata", "namespace"),
            Maps.string(m, "metadata", "name"));
    return new LiveObject(id, owner, m);
  }

  private static void put(Map<String, LiveObject> side, LiveObject o) {
    side.put(o.id().key(), o);
  }

  private void apps(Map<String, LiveObject> side, Map<String, FluxOutcome> outcomes, String extra) {
    LiveObject ks =
        object(
            null,
            """
            apiVersion: kustomize.toolkit.fluxcd.io/v1
            kind: Kustomization
            metadata: {name: apps, namespace: flux-system}
            spec:
              path: ./apps
              prune: true
              sourceRef: {kind: GitRepository, name: flux-system}
            """
                + extra);
    put(side, ks);
    boolean suspended = Boolean.TRUE.equals(Maps.at(ks.content(), "spec", "suspend"));
    outcomes.put(
        ks.id().key(), new FluxOutcome(ks.id(), "True", "ReconciliationSucceeded", "", suspended));
  }

  private ClusterDiff compare(boolean filesChanged) {
    return new StateComparison(
            new ClusterState("staging", base, baseOutcomes),
            new ClusterState("staging", head, headOutcomes),
            path -> filesChanged)
        .compare(true, true);
  }

  @Test
  void secretValuesNeverAppearWhetherChangedOrAdded() {
    apps(base, baseOutcomes, "");
    apps(head, headOutcomes, "");
    String secret =
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: app}\ndata:\n  password: ";
    put(base, object(APPS, secret + "old-s3cret\n"));
    put(head, object(APPS, secret + "new-s3cret\n  token: t0ken-value\n"));
    put(
        head,
        object(
            APPS,
            "apiVersion: v1\nkind: Secret\nmetadata: {name: api, namespace: app}\nstringData: {key: k3y-value}\n"));

    ClusterDiff diff = compare(false);

    assertThat(diff.changed())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.fields())
                  .extracting(FieldChange::path)
                  .containsExactly("data.password", "data.token");
              assertThat(c.fields().get(0).before()).isEqualTo(Masking.HIDDEN);
              assertThat(c.fields().get(0).after()).isEqualTo(Masking.HIDDEN);
              assertThat(c.fields().get(1).before()).isNull();
            });
    assertThat(diff.added())
        .singleElement()
        .satisfies(
            a -> assertThat(a.object().get("stringData")).isEqualTo(Map.of("key", Masking.HIDDEN)));
    assertThat(diff.toString()).doesNotContain("s3cret", "t0ken", "k3y");
  }

  @Test
  void immutableFieldChangesAreFlaggedWithWhatFluxWillDo() {
    apps(base, baseOutcomes, "");
    apps(head, headOutcomes, "");
    String deployment =
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: app}\nspec:\n  replicas: %d\n  selector: {matchLabels: {app: %s}}\n";
    put(base, object(APPS, deployment.formatted(1, "web")));
    put(head, object(APPS, deployment.formatted(2, "web-v2")));
    String job =
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate, namespace: app}\nspec:\n  template: {spec: {containers: [{name: m, image: 'migrate:%s'}]}}\n";
    put(base, object(APPS, job.formatted("1")));
    put(head, object(APPS, job.formatted("2")));
    String service =
        "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: app}\nspec: {clusterIP: %s}\n";
    put(base, object(APPS, service.formatted("None")));
    put(
        head,
        object(
            APPS,
            "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: app}\nspec: {}\n"));

    ClusterDiff diff = compare(false);

    assertThat(diff.dangers())
        .filteredOn(d -> d.kind() == DangerKind.IMMUTABLE)
        .extracting(d -> d.subject() + " " + d.message())
        .containsExactly(
            "Deployment/app/web spec.selector.matchLabels.app is immutable: the apply of "
                + APPS
                + " fails on a live cluster (set force: true to recreate it)",
            "Job/app/migrate spec.template.spec.containers.0.image is immutable: the apply of "
                + APPS
                + " fails on a live cluster (set force: true to recreate it)",
            "Service/app/web spec.clusterIP is immutable: the apply of "
                + APPS
                + " fails on a live cluster (set force: true to recreate it)");
  }

  @Test
  void rbacChangesAreNotedWithWhoGetsWhat() {
    apps(base, baseOutcomes, "");
    apps(head, headOutcomes, "");
    put(
        head,
        object(
            APPS,
            """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: ci-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{kind: ServiceAccount, name: ci, namespace: tools}]
        """));

    ClusterDiff diff = compare(false);

    assertThat(diff.dangers())
        .extracting(d -> d.kind() + " " + d.subject() + " " + d.message())
        .containsExactly(
            "RBAC ClusterRoleBinding/ci-admin added: binds ClusterRole/cluster-admin to ServiceAccount/tools/ci");
  }

  @Test
  void aSuspendedKustomizationKeepsItsObjectsAndItsPendingChangesAreNamed() {
    apps(base, baseOutcomes, "");
    apps(head, headOutcomes, "  suspend: true\n");
    put(
        base,
        object(
            APPS,
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: app}\ndata: {a: b}\n"));

    ClusterDiff diff = compare(true);

    assertThat(diff.deleted())
        .singleElement()
        .satisfies(d -> assertThat(d.fate()).isEqualTo(Fate.KEPT_SUSPENDED));
    assertThat(diff.dangers())
        .extracting(d -> d.kind() + " " + d.subject() + " " + d.message())
        .containsExactly(
            "SUSPENDED "
                + APPS
                + " becomes suspended: nothing under it is applied or pruned until it is resumed",
            "SUSPENDED "
                + APPS
                + " is suspended and files under ./apps change: they are not applied until it is resumed");
    assertThat(diff.dangers()).noneMatch(d -> d.kind() == DangerKind.PRUNE);
  }

  @Test
  void anObjectLeftBehindByPruneFalseIsOrphanedNotPruned() {
    apps(base, baseOutcomes, "");
    apps(head, headOutcomes, "");
    head.values().forEach(o -> ((Map<String, Object>) o.content().get("spec")).put("prune", false));
    put(
        base,
        object(APPS, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: old, namespace: app}\n"));

    ClusterDiff diff = compare(false);

    assertThat(diff.deleted())
        .singleElement()
        .satisfies(d -> assertThat(d.fate()).isEqualTo(Fate.ORPHANED));
    assertThat(diff.dangers()).isEmpty();
    assertThat(diff.hasChanges()).isTrue();
  }

  @Test
  void identicalStatesAreNoChange() {
    apps(base, baseOutcomes, "");
    apps(head, headOutcomes, "");

    ClusterDiff diff = compare(false);

    assertThat(diff.hasChanges()).isFalse();
    assertThat(List.of(diff.added(), diff.changed(), diff.deleted(), diff.outcomes()))
        .allMatch(List::isEmpty);
  }

  @Test
  void aNewReadyFluxObjectIsAddedAndANewFailingOneIsAnOutcome() {
    apps(head, headOutcomes, "");
    LiveObject db =
        object(
            null,
            "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: db, namespace: flux-system}\n");
    put(head, db);
    headOutcomes.put(
        db.id().key(),
        new FluxOutcome(db.id(), "False", "BuildFailed", "kustomize build failed", false));

    ClusterDiff diff = compare(false);

    assertThat(diff.added())
        .extracting(a -> a.id().toString())
        .containsExactly("Kustomization/flux-system/apps", "Kustomization/flux-system/db");
    assertThat(diff.outcomes())
        .extracting(o -> o.id() + " " + o.before() + " " + o.reason())
        .containsExactly("Kustomization/flux-system/db null BuildFailed");
    assertThat(diff.hasFailures()).isTrue();
  }
}
