package dev.fluxlab.embedded.rbac;

import static dev.fluxlab.api.FluxKind.GIT_REPOSITORY;
import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static dev.fluxlab.embedded.rbac.Tenant.clusterNamespace;
import static dev.fluxlab.embedded.rbac.Tenant.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.reconciler.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tenant Kustomization with {@code serviceAccountName} applies as that service account: what RBAC
 * allows it in its namespace, nothing elsewhere, and a refused object stops the whole revision.
 */
class TenantImpersonationTest {
  private static final String TENANT = "tenant-a";
  private static final String USER = "system:serviceaccount:tenant-a:tenant-a";
  private static final Map<String, Object> AS_TENANT = Map.of("serviceAccountName", TENANT);

  private FluxHarness flux;
  private Tenant tenant;

  @BeforeEach
  void start(@TempDir Path tmp) {
    flux = new FluxHarness(tmp);
    tenant = new Tenant(flux, TENANT).create(TENANT);
    Tenant.namespace(flux, "other");
  }

  @AfterEach
  void stop() {
    flux.close();
  }

  private ConfigMap configMapIn(String ns, String name) {
    return flux.client().configMaps().inNamespace(ns).withName(name).get();
  }

  @Test
  void appliesObjectsIntoItsOwnNamespace() {
    String sha = flux.push("repo", Map.of("app/cm.yaml", configMap(TENANT, "one", "v1")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization("app", "repo", "./app", AS_TENANT);

    Condition ready =
        flux.awaitReady(KUSTOMIZATION, TENANT, "app", "True", "ReconciliationSucceeded");

    assertThat(ready.message()).isEqualTo("Applied revision: main@sha1:" + sha);
    assertThat(configMapIn(TENANT, "one").getData()).containsEntry("k", "v1");
  }

  @Test
  void anObjectInAnotherNamespaceIsForbidden() {
    flux.push(
        "repo",
        Map.of(
            "app/cm.yaml", configMap(TENANT, "mine", "v"),
            "app/x.yaml", configMap("other", "x", "v")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization("app", "repo", "./app", AS_TENANT);

    Condition ready =
        flux.awaitReady(KUSTOMIZATION, TENANT, "app", "False", "ReconciliationFailed");

    assertThat(ready.message())
        .isEqualTo(
            "ConfigMap/other/x dry-run failed (Forbidden): configmaps \"x\" is forbidden: User \""
                + USER
                + "\" cannot patch resource \"configmaps\" in API group \"\" in the namespace"
                + " \"other\"");
    assertThat(configMapIn("other", "x")).isNull();
    assertThat(configMapIn(TENANT, "mine")).as("allowed object of the refused revision").isNull();
  }

  @Test
  void aClusterScopedObjectIsForbidden() {
    flux.push(
        "repo",
        Map.of(
            "app/ns.yaml", clusterNamespace("tenant-a-extra"),
            "app/cm.yaml", configMap(TENANT, "mine", "v")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization("app", "repo", "./app", AS_TENANT);

    Condition ready =
        flux.awaitReady(KUSTOMIZATION, TENANT, "app", "False", "ReconciliationFailed");

    // kube-apiserver's own words: a request for namespaces/<name> is scoped to that namespace.
    assertThat(ready.message())
        .isEqualTo(
            "Namespace/tenant-a-extra dry-run failed (Forbidden): namespaces \"tenant-a-extra\" is"
                + " forbidden: User \""
                + USER
                + "\" cannot patch resource \"namespaces\" in API group \"\" in the namespace"
                + " \"tenant-a-extra\"");
    assertThat(flux.client().namespaces().withName("tenant-a-extra").get()).isNull();
  }

  @Test
  void aRefusedRevisionAppliesNothingAndKeepsWhatWasApplied() {
    flux.push("repo", Map.of("app/one.yaml", configMap(TENANT, "one", "v1")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization("app", "repo", "./app", AS_TENANT);
    flux.awaitReady(KUSTOMIZATION, TENANT, "app", "True", "ReconciliationSucceeded");
    Object applied = flux.status(KUSTOMIZATION, TENANT, "app").get("lastAppliedRevision");

    flux.push(
        "repo",
        Map.of(
            "app/one.yaml", configMap(TENANT, "one", "v2"),
            "app/two.yaml", configMap(TENANT, "two", "v2"),
            "app/x.yaml", configMap("other", "x", "v2")));
    flux.reconcile(GIT_REPOSITORY, TENANT, "repo");

    flux.awaitReady(KUSTOMIZATION, TENANT, "app", "False", "ReconciliationFailed");
    assertThat(configMapIn(TENANT, "one").getData()).containsEntry("k", "v1");
    assertThat(configMapIn(TENANT, "two")).isNull();
    assertThat(configMapIn("other", "x")).isNull();
    assertThat(flux.status(KUSTOMIZATION, TENANT, "app"))
        .containsEntry("lastAppliedRevision", applied);
  }

  @Test
  void deletingTheKustomizationPrunesTheTenantsObjects() {
    flux.push("repo", Map.of("app/cm.yaml", configMap(TENANT, "one", "v1")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization("app", "repo", "./app", AS_TENANT);
    flux.awaitReady(KUSTOMIZATION, TENANT, "app", "True", "ReconciliationSucceeded");

    flux.client()
        .genericKubernetesResources(KUSTOMIZATION.apiVersion(), KUSTOMIZATION.kind())
        .inNamespace(TENANT)
        .withName("app")
        .delete();

    await().atMost(FluxHarness.TIMEOUT).until(() -> configMapIn(TENANT, "one") == null);
  }

  @Test
  void withoutLockdownASourceInAnotherNamespaceMayBeUsed() {
    flux.push("repo", Map.of("app/cm.yaml", configMap(TENANT, "one", "v1")));
    flux.gitRepository("repo", "repo");
    tenant.kustomization(
        "app",
        "repo",
        "./app",
        Map.of(
            "serviceAccountName",
            TENANT,
            "sourceRef",
            Map.of("kind", "GitRepository", "name", "repo", "namespace", FluxHarness.NS)));

    flux.awaitReady(KUSTOMIZATION, TENANT, "app", "True", "ReconciliationSucceeded");

    assertThat(configMapIn(TENANT, "one")).isNotNull();
  }
}
