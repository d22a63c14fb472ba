package dev.fluxlab.embedded.rbac;

import static dev.fluxlab.api.FluxKind.HELM_RELEASE;
import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static dev.fluxlab.embedded.rbac.Tenant.configMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.Lockdown;
import dev.fluxlab.embedded.reconciler.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flux's multi-tenancy lockdown ({@code --no-cross-namespace-refs=true}, {@code
 * --default-service-account=reconciler}): objects that name no service account apply as the default
 * one of their namespace, and sources in other namespaces are refused, each the way Flux's own
 * controllers refuse them (checked against kustomize-controller 1.9 and helm-controller 1.6).
 */
class MultiTenancyLockdownTest {
  private static final String TENANT = "tenant-a";
  private static final String DEFAULT_SA = "reconciler";

  private FluxHarness flux;
  private Tenant tenant;

  @BeforeEach
  void start(@TempDir Path tmp) {
    flux = new FluxHarness(tmp, new Lockdown(true, DEFAULT_SA));
    tenant = new Tenant(flux, TENANT).create(DEFAULT_SA);
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
  void withoutServiceAccountNameTheDefaultServiceAccountIsImpersonated() {
    flux.push(
        "repo",
        Map.of(
            "mine/cm.yaml",
            configMap(TENANT, "one", "v"),
            "theirs/cm.yaml",
            configMap("other", "x", "v")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization("mine", "repo", "./mine", Map.of());
    tenant.kustomization("theirs", "repo", "./theirs", Map.of());

    flux.awaitReady(KUSTOMIZATION, TENANT, "mine", "True", "ReconciliationSucceeded");
    Condition refused =
        flux.awaitReady(KUSTOMIZATION, TENANT, "theirs", "False", "ReconciliationFailed");

    assertThat(configMapIn(TENANT, "one")).isNotNull();
    assertThat(refused.message())
        .contains(
            "User \"system:serviceaccount:tenant-a:reconciler\" cannot patch resource"
                + " \"configmaps\" in API group \"\" in the namespace \"other\"");
    assertThat(configMapIn("other", "x")).isNull();
  }

  @Test
  void aSourceInAnotherNamespaceIsAccessDenied() {
    flux.push("repo", Map.of("app/cm.yaml", configMap(TENANT, "one", "v")));
    flux.gitRepository("fleet", "repo");
    tenant.kustomization(
        "app",
        "fleet",
        "./app",
        Map.of(
            "sourceRef",
            Map.of("kind", "GitRepository", "name", "fleet", "namespace", "flux-system")));

    Condition ready = flux.awaitReady(KUSTOMIZATION, TENANT, "app", "False", "AccessDenied");

    assertThat(ready.message())
        .isEqualTo(
            "can't access 'GitRepository/flux-system/fleet', cross-namespace references have been"
                + " blocked");
    assertThat(configMapIn(TENANT, "one")).isNull();
  }

  @Test
  void aDependencyInAnotherNamespaceIsNoBlockedReference() {
    // As in kustomize-controller 1.9: the lockdown checks sources only, dependsOn may cross.
    flux.push("platform", Map.of("infra/cm.yaml", configMap("flux-system", "infra", "v")));
    flux.gitRepository("platform", "platform");
    flux.kustomization(
        "infra", "platform", "./infra", Map.of("serviceAccountName", "kustomize-controller"));
    flux.push("repo", Map.of("app/cm.yaml", configMap(TENANT, "one", "v")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization(
        "app",
        "repo",
        "./app",
        Map.of("dependsOn", List.of(Map.of("name", "infra", "namespace", "flux-system"))));

    flux.awaitReady(KUSTOMIZATION, TENANT, "app", "True", "ReconciliationSucceeded");
    assertThat(configMapIn(TENANT, "one")).isNotNull();
  }

  @Test
  void aHelmReleaseWithItsChartSourceInAnotherNamespaceIsNeverHandled() {
    // As in helm-controller 1.6: the HelmChart it would need lives in the source's namespace, the
    // controller refuses to touch it and returns before writing any condition.
    flux.create(HELM_RELEASE, TENANT, "podinfo", chartFrom("flux-system"));
    // The control: same namespace, missing repository, so it does get a condition.
    flux.create(HELM_RELEASE, TENANT, "control", chartFrom(TENANT));

    flux.awaitReady(HELM_RELEASE, TENANT, "control", "False", "SourceNotReady");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> flux.ready(HELM_RELEASE, TENANT, "podinfo") == null);
  }

  private static Map<String, Object> chartFrom(String sourceNamespace) {
    return Map.of(
        "interval",
        "10m",
        "chart",
        Map.of(
            "spec",
            Map.of(
                "chart",
                "podinfo",
                "sourceRef",
                Map.of(
                    "kind", "HelmRepository", "name", "podinfo", "namespace", sourceNamespace))));
  }

  @Test
  void targetNamespaceIsNoReferenceButRbacStillDecides() {
    flux.push("repo", Map.of("app/cm.yaml", configMap(TENANT, "one", "v")));
    flux.gitRepository(TENANT, "repo", "repo");
    tenant.kustomization("app", "repo", "./app", Map.of("targetNamespace", "other"));

    Condition ready =
        flux.awaitReady(KUSTOMIZATION, TENANT, "app", "False", "ReconciliationFailed");

    assertThat(ready.message()).startsWith("ConfigMap/other/one dry-run failed (Forbidden): ");
  }
}
