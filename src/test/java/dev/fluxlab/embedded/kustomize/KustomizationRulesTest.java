package dev.fluxlab.embedded.kustomize;

import static dev.fluxlab.api.FluxKind.GIT_REPOSITORY;
import static dev.fluxlab.api.FluxKind.KUSTOMIZATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kustomization rules of Flux's documentation, one behaviour per test. */
class KustomizationRulesTest {
  private static final String NAMESPACE =
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n";

  private FluxHarness flux;

  @BeforeEach
  void start(@TempDir Path tmp) {
    flux = new FluxHarness(tmp);
  }

  @AfterEach
  void stop() {
    flux.close();
  }

  private static String configMap(String name, String key, String value) {
    return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "
        + name
        + "\n  namespace: demo\ndata:\n  "
        + key
        + ": \""
        + value
        + "\"\n";
  }

  private ConfigMap liveConfigMap(String name) {
    return flux.client().configMaps().inNamespace("demo").withName(name).get();
  }

  private void pushAndFetch(Map<String, String> files) {
    flux.push("repo", files);
    flux.reconcile(GIT_REPOSITORY, "repo");
  }

  @Test
  void appliesThePathAndRecordsRevisionAndInventory() {
    String sha =
        flux.push(
            "repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", configMap("one", "k", "v")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());

    Condition ready = flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    assertThat(ready.message()).isEqualTo("Applied revision: main@sha1:" + sha);
    assertThat(liveConfigMap("one").getData()).containsEntry("k", "v");
    assertThat(liveConfigMap("one").getMetadata().getLabels())
        .containsEntry("kustomize.toolkit.fluxcd.io/name", "app")
        .containsEntry("kustomize.toolkit.fluxcd.io/namespace", "flux-system");
    Map<String, Object> status = flux.status(KUSTOMIZATION, "app");
    assertThat(status).containsEntry("lastAppliedRevision", "main@sha1:" + sha);
    assertThat(Maps.list(status, "inventory", "entries"))
        .extracting(e -> Maps.string(e, "id"))
        .containsExactlyInAnyOrder("_demo__Namespace", "demo_one__ConfigMap");
  }

  @Test
  void waitsForDependenciesAndNamesAMissingOne() {
    flux.push("repo", Map.of("a/ns.yaml", NAMESPACE, "b/cm.yaml", configMap("b", "k", "v")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("b", "repo", "./b", Map.of("dependsOn", List.of(Map.of("name", "a"))));

    Condition waiting = flux.awaitReady(KUSTOMIZATION, "b", "False", "DependencyNotReady");
    assertThat(waiting.message())
        .isEqualTo(
            "unable to get 'flux-system/a' dependency: kustomizations.kustomize.toolkit.fluxcd.io \"a\" not found");
    assertThat(liveConfigMap("b")).isNull();

    flux.kustomization("a", "repo", "./a", Map.of());

    flux.awaitReady(KUSTOMIZATION, "b", "True", "ReconciliationSucceeded");
    assertThat(liveConfigMap("b")).isNotNull();
  }

  @Test
  void aDependencyCycleNeverBecomesReadyAndIsNamed() {
    flux.push("repo", Map.of("a/ns.yaml", NAMESPACE));
    flux.gitRepository("repo", "repo");
    flux.kustomization("a", "repo", "./a", Map.of("dependsOn", List.of(Map.of("name", "b"))));
    flux.kustomization("b", "repo", "./a", Map.of("dependsOn", List.of(Map.of("name", "a"))));

    flux.awaitReady(KUSTOMIZATION, "a", "False", "DependencyNotReady");
    await()
        .atMost(FluxHarness.TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(flux.ready(KUSTOMIZATION, "a").message())
                    .contains(
                        "circular dependency: flux-system/a -> flux-system/b -> flux-system/a"));
  }

  @Test
  void prunesWhatWasRemovedFromGitButKeepsObjectsMarkedToKeep() {
    String keep =
        configMap("keep", "k", "v")
            .replace(
                "  namespace: demo\n",
                "  namespace: demo\n  annotations:\n    kustomize.toolkit.fluxcd.io/prune: disabled\n");
    flux.push(
        "repo",
        Map.of(
            "app/ns.yaml",
            NAMESPACE,
            "app/gone.yaml",
            configMap("gone", "k", "v"),
            "app/keep.yaml",
            keep));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());
    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");
    assertThat(liveConfigMap("gone")).isNotNull();

    Map<String, String> removal = new HashMap<>();
    removal.put("app/gone.yaml", null);
    removal.put("app/keep.yaml", null);
    pushAndFetch(removal);

    await().atMost(FluxHarness.TIMEOUT).until(() -> liveConfigMap("gone") == null);
    assertThat(liveConfigMap("keep")).isNotNull();
  }

  @Test
  void withoutPruneRemovedObjectsStay() {
    flux.push(
        "repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", configMap("stays", "k", "v")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of("prune", false));
    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");
    String before = (String) flux.status(KUSTOMIZATION, "app").get("lastAppliedRevision");

    Map<String, String> removal = new HashMap<>();
    removal.put("app/cm.yaml", null);
    pushAndFetch(removal);

    await()
        .atMost(FluxHarness.TIMEOUT)
        .until(() -> !before.equals(flux.status(KUSTOMIZATION, "app").get("lastAppliedRevision")));
    assertThat(liveConfigMap("stays")).isNotNull();
  }

  @Test
  void correctsDriftOfOwnedFieldsAndLeavesOtherFieldsAlone() {
    flux.push(
        "repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", configMap("cm", "owned", "git")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());
    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    ConfigMap drifted =
        new ConfigMapBuilder(liveConfigMap("cm"))
            .addToData("owned", "by-hand")
            .addToData("extra", "by-hand")
            .build();
    flux.client().configMaps().resource(drifted).update();
    flux.reconcile(KUSTOMIZATION, "app");

    assertThat(liveConfigMap("cm").getData())
        .containsEntry("owned", "git")
        .containsEntry("extra", "by-hand");
  }

  @Test
  void aSuspendedKustomizationAppliesNothingUntilResumed() {
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", configMap("cm", "k", "one")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());
    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");
    flux.suspend(KUSTOMIZATION, "app", true);

    pushAndFetch(Map.of("app/cm.yaml", configMap("cm", "k", "two")));
    String fetched = Maps.string(flux.status(GIT_REPOSITORY, "repo"), "artifact", "revision");

    assertThat(flux.status(KUSTOMIZATION, "app").get("lastAppliedRevision")).isNotEqualTo(fetched);
    assertThat(liveConfigMap("cm").getData()).containsEntry("k", "one");

    flux.suspend(KUSTOMIZATION, "app", false);

    await()
        .atMost(FluxHarness.TIMEOUT)
        .until(() -> "two".equals(liveConfigMap("cm").getData().get("k")));
  }

  @Test
  void substitutesVariablesFromTheSpecAndFromConfigMaps() {
    String manifest =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: vars\n  namespace: demo\ndata:\n"
            + "  cluster: ${cluster}\n  region: ${region}\n  fallback: ${missing:=default}\n  literal: $${cluster}\n";
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", manifest));
    flux.client()
        .configMaps()
        .inNamespace("flux-system")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cluster-vars")
                .endMetadata()
                .addToData("cluster", "from-configmap")
                .addToData("region", "eu")
                .build())
        .create();
    flux.gitRepository("repo", "repo");
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of(
            "postBuild",
            Map.of(
                "substitute", Map.of("cluster", "staging"),
                "substituteFrom", List.of(Map.of("kind", "ConfigMap", "name", "cluster-vars")))));

    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    assertThat(liveConfigMap("vars").getData())
        .containsEntry("cluster", "staging")
        .containsEntry("region", "eu")
        .containsEntry("fallback", "default")
        .containsEntry("literal", "${cluster}");
  }

  @Test
  void aMissingSubstituteFromConfigMapFailsTheBuild() {
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE));
    flux.gitRepository("repo", "repo");
    flux.kustomization(
        "app",
        "repo",
        "./app",
        Map.of(
            "postBuild",
            Map.of("substituteFrom", List.of(Map.of("kind", "ConfigMap", "name", "absent")))));

    Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "BuildFailed");

    assertThat(c.message()).contains("configmaps \"absent\" not found");
  }

  @Test
  void targetNamespaceMovesNamespacedObjects() {
    flux.push(
        "repo",
        Map.of(
            "app/ns.yaml",
            NAMESPACE.replace("demo", "target"),
            "app/cm.yaml",
            configMap("moved", "k", "v")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of("targetNamespace", "target"));

    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    assertThat(flux.client().configMaps().inNamespace("target").withName("moved").get())
        .isNotNull();
  }

  @Test
  void generatesAKustomizationForAPlainDirectory() {
    flux.push(
        "repo",
        Map.of(
            "app/ns.yaml",
            NAMESPACE,
            "app/nested/cm.yaml",
            configMap("nested", "k", "v"),
            "app/values.yaml",
            "replicaCount: 2\n"));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());

    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    assertThat(liveConfigMap("nested")).isNotNull();
  }

  @Test
  void aMissingPathIsAnArtifactFailure() {
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE));
    flux.gitRepository("repo", "repo");
    // Before the source has an artifact the reason would be ArtifactFailed too, for that reason.
    flux.awaitReady(GIT_REPOSITORY, "repo", "True", "Succeeded");
    flux.kustomization("app", "repo", "./nope", Map.of());

    Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "ArtifactFailed");

    assertThat(c.message())
        .isEqualTo("kustomization path not found: stat ./nope: no such file or directory");
  }

  @Test
  void malformedYamlIsABuildFailureThatChangesNothing() {
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", configMap("cm", "k", "v")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());
    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    pushAndFetch(
        Map.of(
            "app/cm.yaml",
            configMap("cm", "k", "changed") + "  broken: [\n",
            "app/other.yaml",
            configMap("other", "k", "v")));

    Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "BuildFailed");
    assertThat(c.message()).startsWith("kustomize build failed:");
    assertThat(liveConfigMap("cm").getData()).containsEntry("k", "v");
    assertThat(liveConfigMap("other")).isNull();
  }

  @Test
  void anObjectInAMissingNamespaceFailsTheApplyAndAppliesNothing() {
    flux.push(
        "repo",
        Map.of(
            "app/cm.yaml",
            configMap("cm", "k", "v"),
            "app/cm2.yaml",
            configMap("cm2", "k", "v").replace("namespace: demo", "namespace: default")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());

    Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "ReconciliationFailed");

    assertThat(c.message()).contains("namespaces \"demo\" not found");
    assertThat(flux.client().configMaps().inNamespace("default").withName("cm2").get()).isNull();
  }

  @Test
  void anUnknownKindFailsTheApply() {
    flux.push(
        "repo",
        Map.of(
            "app/x.yaml",
            "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\n"));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());

    Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "ReconciliationFailed");

    assertThat(c.message())
        .contains("no matches for kind \"Widget\" in version \"example.com/v1\"");
  }

  @Test
  void waitsQuietlyForItsSourcesFirstFetchThenReportsTheMissingArtifact() throws Exception {
    // A git server that accepts and never answers holds the GitRepository in its first fetch.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new CopyOnWriteArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      flux.create(
          GIT_REPOSITORY,
          "slow",
          Map.of(
              "interval",
              "10m",
              "timeout",
              "15s",
              "url",
              "http://127.0.0.1:" + silent.getLocalPort() + "/slow.git",
              "ref",
              Map.of("branch", "main")));
      flux.kustomization("app", "slow", "./app", Map.of());
      await().atMost(FluxHarness.TIMEOUT).until(() -> !held.isEmpty());

      // No "Source artifact not found" while the source is still fetching: it is no failure.
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> flux.ready(KUSTOMIZATION, "app") == null);

      // Refuse new connections first (a fetch that failed may try again), then drop the held ones.
      silent.close();
      acceptor.join();
      for (Socket s : held) {
        s.close();
      }
      flux.awaitReady(GIT_REPOSITORY, "slow", "False", "GitOperationFailed");
      Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "ArtifactFailed");
      assertThat(c.message()).isEqualTo("Source artifact not found, retrying in 30s");
    }
  }

  @Test
  void aMissingSourceIsReported() {
    flux.kustomization("app", "absent", "./app", Map.of());

    Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "ArtifactFailed");

    assertThat(c.message()).isEqualTo("Source 'GitRepository/flux-system/absent' not found");
  }

  @Test
  void healthChecksTimeOutForAWorkloadThatNeverBecomesAvailable() {
    // A Deployment asking for more replicas than the simulated cluster reports stays InProgress:
    // a HelmRelease that is never Ready is the simplest object that is never healthy.
    String hr =
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: never\n  namespace: demo\n"
            + "spec:\n  interval: 1m\n  chart:\n    spec:\n      chart: nothing\n      sourceRef:\n        kind: HelmRepository\n        name: absent\n";
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE, "app/hr.yaml", hr));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of("wait", true, "timeout", "1s"));

    Condition c = flux.awaitReady(KUSTOMIZATION, "app", "False", "HealthCheckFailed");

    assertThat(c.message()).startsWith("timeout waiting for: [HelmRelease/demo/never status: '");
  }

  @Test
  void deletingAKustomizationPrunesItsObjects() {
    flux.push("repo", Map.of("app/ns.yaml", NAMESPACE, "app/cm.yaml", configMap("cm", "k", "v")));
    flux.gitRepository("repo", "repo");
    flux.kustomization("app", "repo", "./app", Map.of());
    flux.awaitReady(KUSTOMIZATION, "app", "True", "ReconciliationSucceeded");

    flux.client()
        .genericKubernetesResources(KUSTOMIZATION.apiVersion(), KUSTOMIZATION.kind())
        .inNamespace("flux-system")
        .withName("app")
        .delete();

    await().atMost(FluxHarness.TIMEOUT).until(() -> liveConfigMap("cm") == null);
  }
}
