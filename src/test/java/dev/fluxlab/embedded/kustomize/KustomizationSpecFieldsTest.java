package dev.fluxlab.embedded.kustomize;

import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.reconciler.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kustomization spec fields on the embedded backend: refused ones say so, the new supported ones
 * behave as kustomize-controller's. (Their effect on objects is also checked on real Flux by the
 * spec-fields scenarios.)
 */
class KustomizationSpecFieldsTest {
  private static final String NAMESPACE =
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n";
  private static final String CONFIG_MAP =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: demo\ndata:\n  k: v\n";

  private FluxHarness flux;

  @BeforeEach
  void start(@TempDir Path tmp) {
    flux = new FluxHarness(tmp);
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", CONFIG_MAP));
    flux.gitRepository("repo", "repo");
  }

  @AfterEach
  void stop() {
    flux.close();
  }

  private ConfigMap configMap(String name) {
    return flux.client().configMaps().inNamespace("demo").withName(name).get();
  }

  @Test
  void aRefusedFieldIsReadyFalseAndStalledNamingTheField() {
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of("kubeConfig", Map.of("secretRef", Map.of("name", "remote"))));

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "UnsupportedField");

    assertThat(ready.message())
        .isEqualTo(
            "spec.kubeConfig is not supported by fluxlab's embedded backend: remote clusters are"
                + " not reachable from the embedded backend");
    assertThat(Condition.read(flux.status(KUSTOMIZATION, "app"), Condition.STALLED).isTrue())
        .isTrue();
    assertThat(configMap("cm")).as("nothing is applied").isNull();
  }

  @Test
  void aRefusedFieldAtTheValueTheBackendHasAnywayIsAccepted() {
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of(
            "postBuild",
            Map.of("substituteStrategy", "WithVariables", "substitute", Map.of("x", "y"))));

    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");
  }

  @Test
  void aRefusedValueOfAPartlySupportedFieldIsNamed() {
    flux.kustomization(
        "app", "repo", "./app", Map.of("postBuild", Map.of("substituteStrategy", "Always")));

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "UnsupportedField");

    assertThat(ready.message()).startsWith("spec.postBuild.substituteStrategy is not supported");
  }

  @Test
  void healthCheckExprsThatNeverHoldFailTheHealthCheck() {
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of(
            "wait",
            true,
            "timeout",
            "2s",
            "healthCheckExprs",
            List.of(
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "current", "has(data.ready)"))));

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "HealthCheckFailed");

    assertThat(ready.message())
        .isEqualTo("timeout waiting for: [ConfigMap/demo/cm status: 'InProgress']");
  }

  @Test
  void healthCheckExprsThatHoldPassTheHealthCheck() {
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of(
            "wait",
            true,
            "healthCheckExprs",
            List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "current", "data.k == 'v'"))));

    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");
    assertThat(flux.status(KUSTOMIZATION, "app").toString()).contains("Health check passed");
  }

  @Test
  void anInvalidHealthCheckExpressionIsATerminalError() {
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of(
            "healthCheckExprs",
            List.of(Map.of("apiVersion", "v1", "kind", "ConfigMap", "current", "data.k =="))));

    flux.awaitReady(KUSTOMIZATION, "app", "False", "InvalidCELExpression");
    assertThat(Condition.read(flux.status(KUSTOMIZATION, "app"), Condition.STALLED).isTrue())
        .isTrue();
  }

  @Test
  void aRemoteComponentIsRefusedAsKustomizeControllerRefusesIt() {
    flux.kustomization(
        "app", "repo", "./app", Map.of("components", List.of("https://example.invalid/c")));

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "False", "BuildFailed");

    assertThat(ready.message())
        .isEqualTo("component path 'https://example.invalid/c' must be local and relative");
  }

  @Test
  void aMissingComponentIsLeftOutWithIgnoreMissingComponents() {
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of("components", List.of("../absent"), "ignoreMissingComponents", true));

    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");
  }

  @Test
  void deletionPolicyOrphanKeepsObjectsAndDeleteRemovesThemWithoutPrune() {
    flux.push("repo", Map.of("other/cm.yaml", CONFIG_MAP.replace("name: cm", "name: other")));
    flux.reconcile(dev.fluxlab.api.FluxKind.GIT_REPOSITORY, "repo");
    flux.kustomization("orphan", "repo", "./app", Map.of("deletionPolicy", "Orphan"));
    flux.awaitReady(KUSTOMIZATION, "orphan", "True", "ReconciliationSucceeded");
    flux.kustomization(
        "delete", "repo", "./other", Map.of("prune", false, "deletionPolicy", "Delete"));
    flux.awaitReady(KUSTOMIZATION, "delete", "True", "ReconciliationSucceeded");

    delete("orphan");
    delete("delete");

    await().atMost(FluxHarness.TIMEOUT).until(() -> configMap("other") == null);
    assertThat(configMap("cm")).as("orphaned, although prune is on").isNotNull();
  }

  private void delete(String name) {
    flux.client()
        .genericKubernetesResources(KUSTOMIZATION.apiVersion(), KUSTOMIZATION.kind())
        .inNamespace(FluxHarness.NS)
        .withName(name)
        .delete();
  }
}
