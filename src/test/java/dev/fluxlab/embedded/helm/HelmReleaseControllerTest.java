package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.EmbeddedCluster;
import dev.fluxlab.embedded.EmbeddedFlux;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.kustomize.KustomizeBuilder;
import dev.fluxlab.embedded.rbac.Impersonation;
import dev.fluxlab.embedded.reconciler.Annotations;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.CrossNamespaceAcl;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.ReconcileLoop;
import dev.fluxlab.git.EmbeddedGitServer;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HelmRepository and HelmRelease reconciled in an embedded cluster, with the podinfo chart fixture
 * served over HTTP by the git server. One cluster for the class; a namespace per test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelmReleaseControllerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** A public repository URL the tests never reach: a chart mirror serves it. */
  private static final String MIRRORED_URL = "https://stefanprodan.github.io/podinfo";

  private EmbeddedCluster cluster;
  private EmbeddedGitServer server;
  private ReconcileLoop loop;
  private KustomizeBuilder kustomize;
  private KubernetesClient client;
  private String chartsUrl;
  private String ns;

  @BeforeAll
  void start(@TempDir Path tmp) {
    cluster = EmbeddedCluster.start("helm-test", tmp.resolve("kube"));
    client = cluster.client();
    // fluxlab's own open-schema registrations: these tests pin the controller, not Flux's schemas.
    EmbeddedFlux.install(cluster, null);
    ChartRepository charts =
        new ChartRepository(tmp.resolve("charts"))
            .addVersions(HelmFixtures.podinfoChart(), List.of("6.9.0", "6.9.1"));
    server =
        new EmbeddedGitServer(tmp.resolve("git"), Credentials.generate("fluxlab"))
            .start(0, "/charts", charts.directory());
    chartsUrl = server.baseUrl() + "/charts";
    Map<String, Path> mirrors = Map.of(MIRRORED_URL, charts.directory());
    ClusterContext ctx =
        ClusterContext.create("helm-test", client, cluster.catalog(), tmp.resolve("cluster"));
    kustomize = KustomizeBuilder.start(tmp.resolve("kustomize"), "kubectl");
    loop =
        new ReconcileLoop(client, "helm-test", ctx.objects())
            .register(new HelmRepositoryController(ctx, mirrors))
            .register(
                new HelmReleaseController(
                    ctx,
                    mirrors,
                    new Impersonation(client, null),
                    CrossNamespaceAcl.ALLOW,
                    kustomize,
                    RegistryRoute.NONE))
            .start();
  }

  @AfterAll
  void stop() {
    if (loop != null) {
      loop.close();
    }
    if (kustomize != null) {
      kustomize.close();
    }
    if (server != null) {
      server.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void namespace() {
    ns = "helm-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
        .create();
  }

  @Test
  void installsTheChartThenUpgradesToANewVersion() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of()));

    awaitReady("podinfo", "InstallSucceeded");
    assertThat(image("podinfo")).isEqualTo("stefanprodan/podinfo:6.9.0");
    assertThat(ready(FluxCrds.HELM_RELEASE, "podinfo").message())
        .isEqualTo(
            "Helm install succeeded for release " + ns + "/podinfo.v1 with chart podinfo@6.9.0");
    Map<String, Object> status = status(FluxCrds.HELM_RELEASE, "podinfo");
    assertThat(Maps.string(Maps.list(status, "history").get(0), "chartVersion")).isEqualTo("6.9.0");
    assertThat(status)
        .containsEntry("lastAttemptedRevision", "6.9.0")
        .containsEntry("lastAttemptedReleaseAction", "install")
        .containsEntry("helmChart", ns + "/" + ns + "-podinfo");
    assertThat(releaseSecret("podinfo", 1)).isNotNull();
    assertThat(releaseSecret("podinfo", 1).getType()).isEqualTo("helm.sh/release.v1");

    edit("podinfo", spec -> Maps.map(spec, "chart", "spec").put("version", "6.9.1"));

    awaitReady("podinfo", "UpgradeSucceeded");
    assertThat(image("podinfo")).isEqualTo("stefanprodan/podinfo:6.9.1");
    List<Object> history = Maps.list(status(FluxCrds.HELM_RELEASE, "podinfo"), "history");
    assertThat(history)
        .extracting(h -> Maps.string(h, "chartVersion"))
        .containsExactly("6.9.1", "6.9.0");
    assertThat(history)
        .extracting(h -> Maps.string(h, "status"))
        .containsExactly("deployed", "superseded");
    assertThat(releaseSecret("podinfo", 1).getMetadata().getLabels())
        .containsEntry("status", "superseded");
    assertThat(releaseSecret("podinfo", 2).getMetadata().getLabels())
        .containsEntry("status", "deployed");
  }

  @Test
  void upgradesWhenTheValuesChange() {
    client
        .configMaps()
        .inNamespace(ns)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("podinfo-values")
                .endMetadata()
                .addToData("values.yaml", "replicaCount: 2\nui:\n  message: from configmap\n")
                .build())
        .create();
    create(helmRepository("podinfo", chartsUrl));
    create(
        helmRelease(
            "podinfo",
            "6.9.x",
            Map.of(
                "valuesFrom", List.of(Map.of("kind", "ConfigMap", "name", "podinfo-values")),
                "values", Map.of("ui", Map.of("message", "hello")))));
    awaitReady("podinfo", "InstallSucceeded");
    assertThat(deployment("podinfo").getSpec().getReplicas()).isEqualTo(2);
    assertThat(uiMessage("podinfo")).isEqualTo("hello");
    // "6.9.x" resolves to the highest matching version.
    assertThat(image("podinfo")).isEqualTo("stefanprodan/podinfo:6.9.1");
    String firstDigest =
        Maps.string(status(FluxCrds.HELM_RELEASE, "podinfo"), "lastAttemptedConfigDigest");

    edit("podinfo", spec -> spec.put("values", Map.of("ui", Map.of("message", "changed"))));

    awaitReady("podinfo", "UpgradeSucceeded");
    assertThat(uiMessage("podinfo")).isEqualTo("changed");
    assertThat(Maps.string(status(FluxCrds.HELM_RELEASE, "podinfo"), "lastAttemptedConfigDigest"))
        .startsWith("sha256:")
        .isNotEqualTo(firstDigest);
  }

  @Test
  void keepsAtMostMaxHistoryRevisions() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of("maxHistory", 2)));
    awaitReady("podinfo", "InstallSucceeded");
    edit("podinfo", spec -> Maps.map(spec, "chart", "spec").put("version", "6.9.1"));
    awaitReady("podinfo", "UpgradeSucceeded");

    edit("podinfo", spec -> spec.put("values", Map.of("replicaCount", 2)));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(status(FluxCrds.HELM_RELEASE, "podinfo"))
                    .containsEntry("lastReleaseRevision", 3));
    assertThat(releaseSecret("podinfo", 1)).isNull();
    assertThat(releaseSecret("podinfo", 2)).isNotNull();
    assertThat(releaseSecret("podinfo", 3)).isNotNull();
    assertThat(Maps.list(status(FluxCrds.HELM_RELEASE, "podinfo"), "history"))
        .extracting(h -> Maps.string(h, "version"))
        .containsExactly("3", "2");
  }

  @Test
  void reportsAnInstallThatTheClusterRefuses() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of("targetNamespace", "absent")));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(FluxCrds.HELM_RELEASE, "podinfo"))
                    .isNotNull()
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("InstallFailed"))
                    .satisfies(
                        c ->
                            assertThat(c.message())
                                .startsWith(
                                    "Helm install failed for release absent/absent-podinfo with"
                                        + " chart podinfo@6.9.0: ")
                                .contains("namespaces \"absent\" not found")));
    assertThat(status(FluxCrds.HELM_RELEASE, "podinfo"))
        .containsEntry("lastAttemptedReleaseAction", "install")
        .containsEntry("lastAttemptedRevision", "6.9.0");
  }

  @Test
  void refusesAFieldTheEmbeddedBackendLacks() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of("test", Map.of("enable", true))));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(FluxCrds.HELM_RELEASE, "podinfo"))
                    .isNotNull()
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("UnsupportedField"))
                    .satisfies(
                        c ->
                            assertThat(c.message())
                                .startsWith(
                                    "spec.test.enable is not supported by fluxlab's embedded"
                                        + " backend: ")));
    assertThat(deployment("podinfo")).isNull();
  }

  @Test
  void withoutRemediationAFailedInstallStallsAfterOneAttempt() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of("targetNamespace", "absent")));

    awaitStalled("podinfo", "RetriesExceeded", "Failed to install after 1 attempt(s)");
    assertThat(status(FluxCrds.HELM_RELEASE, "podinfo")).containsEntry("installFailures", 1);
  }

  @Test
  void installRemediationUninstallsAndRetriesUntilTheRetriesAreExhausted() {
    create(helmRepository("podinfo", chartsUrl));
    create(
        helmRelease(
            "podinfo",
            "6.9.0",
            Map.of(
                "targetNamespace",
                "absent",
                "install",
                Map.of("remediation", Map.of("retries", 2, "remediateLastFailure", true)))));

    awaitStalled("podinfo", "RetriesExceeded", "Failed to install after 3 attempt(s)");
    Map<String, Object> status = status(FluxCrds.HELM_RELEASE, "podinfo");
    assertThat(status).containsEntry("installFailures", 3);
    assertThat(Condition.read(status, "Remediated"))
        .isNotNull()
        .satisfies(c -> assertThat(c.reason()).isEqualTo("UninstallSucceeded"));
    assertThat(releaseSecret("absent-podinfo", 1)).as("uninstalled, history too").isNull();
  }

  @Test
  void upgradeRemediationRollsBackToThePreviousRelease() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of()));
    awaitReady("podinfo", "InstallSucceeded");

    edit(
        "podinfo",
        spec -> {
          Maps.map(spec, "chart", "spec").put("version", "6.9.1");
          spec.put("upgrade", Map.of("remediation", Map.of("retries", 1)));
          spec.put(
              "postRenderers",
              List.of(
                  Map.of(
                      "kustomize",
                      Map.of(
                          "patches",
                          List.of(
                              Map.of(
                                  "target",
                                  Map.of("kind", "Service"),
                                  "patch",
                                  "- op: replace\n  path: /metadata/namespace\n  value:"
                                      + " nowhere\n"))))));
        });

    awaitStalled("podinfo", "RetriesExceeded", "Failed to upgrade after 2 attempt(s)");
    Condition ready = ready(FluxCrds.HELM_RELEASE, "podinfo");
    assertThat(ready.reason()).isEqualTo("RollbackSucceeded");
    assertThat(ready.message())
        .isEqualTo(
            "Helm rollback to previous release "
                + ns
                + "/podinfo.v3 with chart podinfo@6.9.0 succeeded");
    assertThat(image("podinfo")).isEqualTo("stefanprodan/podinfo:6.9.0");
    assertThat(status(FluxCrds.HELM_RELEASE, "podinfo"))
        .containsEntry("upgradeFailures", 2)
        .containsEntry("lastReleaseRevision", 5);
  }

  @Test
  void retryOnFailureNeitherRemediatesNorStallsAndReleasesOnceTheCauseIsGone() {
    String later = ns + "-later";
    Map<String, Object> retry =
        Map.of("strategy", Map.of("name", "RetryOnFailure", "retryInterval", "1s"));
    create(helmRepository("podinfo", chartsUrl));
    create(
        helmRelease(
            "podinfo",
            "6.9.0",
            Map.of("targetNamespace", later, "install", retry, "upgrade", retry)));

    // The failed install is retried as an upgrade of the failed release, without remediation.
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Map<String, Object> status = status(FluxCrds.HELM_RELEASE, "podinfo");
              assertThat(status).containsEntry("installFailures", 1);
              assertThat(status.get("upgradeFailures")).isInstanceOf(Number.class);
              assertThat(Condition.read(status, "Reconciling"))
                  .isEqualTo(
                      new Condition(
                          "Reconciling", "True", "ProgressingWithRetry", "retrying after 1s"));
              assertThat(Condition.read(status, Condition.STALLED)).isNull();
              assertThat(Condition.read(status, "Remediated")).isNull();
            });
    assertThat(ready(FluxCrds.HELM_RELEASE, "podinfo").reason()).isEqualTo("UpgradeFailed");

    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(later).endMetadata().build())
        .create();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Condition ready = ready(FluxCrds.HELM_RELEASE, "podinfo");
              assertThat(ready.isTrue()).isTrue();
              assertThat(ready.reason()).isEqualTo("UpgradeSucceeded");
            });
    Map<String, Object> status = status(FluxCrds.HELM_RELEASE, "podinfo");
    assertThat(status).doesNotContainKeys("installFailures", "upgradeFailures", "failures");
    assertThat(Condition.read(status, "Reconciling")).isNull();
    assertThat(client.apps().deployments().inNamespace(later).withName(later + "-podinfo").get())
        .isNotNull();
  }

  private void awaitStalled(String name, String reason, String message) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(Condition.read(status(FluxCrds.HELM_RELEASE, name), Condition.STALLED))
                    .isEqualTo(new Condition(Condition.STALLED, "True", reason, message)));
  }

  @Test
  void reportsThatNoChartVersionMatches() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "9.9.9", Map.of()));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(FluxCrds.HELM_RELEASE, "podinfo"))
                    .isNotNull()
                    .satisfies(c -> assertThat(c.status()).isEqualTo("False"))
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("SourceNotReady"))
                    .satisfies(
                        c ->
                            assertThat(c.message())
                                .contains(
                                    "no 'podinfo' chart with version matching '9.9.9' found")));
    assertThat(client.apps().deployments().inNamespace(ns).withName("podinfo").get()).isNull();
  }

  @Test
  void reportsAMissingValuesReference() {
    create(helmRepository("podinfo", chartsUrl));
    create(
        helmRelease(
            "podinfo",
            "6.9.0",
            Map.of("valuesFrom", List.of(Map.of("kind", "Secret", "name", "absent")))));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(FluxCrds.HELM_RELEASE, "podinfo"))
                    .isNotNull()
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("InitFailed"))
                    .satisfies(c -> assertThat(c.message()).contains("'" + ns + "/absent'")));
  }

  @Test
  void unreachableRepositoryFailsWithAChartMirrorHint() {
    create(helmRepository("offline", "http://127.0.0.1:1/charts"));

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(FluxCrds.HELM_REPOSITORY, "offline"))
                    .isNotNull()
                    .satisfies(c -> assertThat(c.status()).isEqualTo("False"))
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("FetchFailed"))
                    .satisfies(
                        c ->
                            assertThat(c.message())
                                .startsWith("failed to fetch Helm repository index: ")
                                .endsWith(
                                    "; fluxlab: serve it locally with --chart-mirror"
                                        + " http://127.0.0.1:1/charts=<dir of chart sources>")));
  }

  @Test
  void chartMirrorServesARepositoryUrlFromDisk() {
    create(helmRepository("upstream", MIRRORED_URL));
    create(
        helmRelease("podinfo", "6.9.0", Map.of("targetNamespace", ns))
            .withSourceName("upstream")
            .build());

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () ->
                assertThat(ready(FluxCrds.HELM_REPOSITORY, "upstream"))
                    .isNotNull()
                    .satisfies(c -> assertThat(c.reason()).isEqualTo("Succeeded"))
                    .satisfies(
                        c ->
                            assertThat(c.message())
                                .startsWith("stored artifact: revision 'sha256:")));
    awaitReady("podinfo", "InstallSucceeded");
    // With a targetNamespace, the release is named <targetNamespace>-<name>.
    assertThat(deployment(ns + "-podinfo")).isNotNull();
    assertThat(releaseSecret(ns + "-podinfo", 1)).isNotNull();
  }

  @Test
  void deletingTheHelmReleaseUninstallsIt() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of()));
    awaitReady("podinfo", "InstallSucceeded");

    helmReleases().withName("podinfo").delete();

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              assertThat(client.apps().deployments().inNamespace(ns).withName("podinfo").get())
                  .isNull();
              assertThat(client.services().inNamespace(ns).withName("podinfo").get()).isNull();
              assertThat(
                      client.secrets().inNamespace(ns).withLabel("owner", "helm").list().getItems())
                  .isEmpty();
            });
  }

  @Test
  void driftDetectionRestoresManualChanges() {
    create(helmRepository("podinfo", chartsUrl));
    create(helmRelease("podinfo", "6.9.0", Map.of("driftDetection", Map.of("mode", "enabled"))));
    awaitReady("podinfo", "InstallSucceeded");

    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName("podinfo")
        .unlock()
        .edit(
            d -> {
              d.getSpec().setReplicas(3);
              return d;
            });
    assertThat(deployment("podinfo").getSpec().getReplicas()).isEqualTo(3);
    helmReleases()
        .withName("podinfo")
        .unlock()
        .edit(
            hr -> {
              hr.getMetadata()
                  .getAnnotations()
                  .put(Annotations.REQUESTED_AT, Instant.now().toString());
              return hr;
            });

    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> assertThat(deployment("podinfo").getSpec().getReplicas()).isEqualTo(1));
    // Drift correction is not a new release.
    assertThat(releaseSecret("podinfo", 2)).isNull();
  }

  // --- helpers ---

  private Map<String, Object> helmRepository(String name, String url) {
    return Yaml.map(
        """
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: %s
          namespace: %s
        spec:
          interval: 1m
          timeout: 5s
          url: %s
        """
            .formatted(name, ns, url));
  }

  private HelmReleaseBuilder helmRelease(
      String name, String version, Map<String, Object> extraSpec) {
    return new HelmReleaseBuilder(name, version, extraSpec);
  }

  private void create(HelmReleaseBuilder hr) {
    create(hr.build());
  }

  private void create(Map<String, Object> manifest) {
    GenericKubernetesResource obj =
        client.getKubernetesSerialization().convertValue(manifest, GenericKubernetesResource.class);
    client
        .genericKubernetesResources(obj.getApiVersion(), obj.getKind())
        .inNamespace(ns)
        .resource(obj)
        .create();
  }

  /** A HelmRelease of the podinfo chart. */
  private final class HelmReleaseBuilder {
    private final String name;
    private final String version;
    private final Map<String, Object> extraSpec;
    private String sourceName = "podinfo";

    HelmReleaseBuilder(String name, String version, Map<String, Object> extraSpec) {
      this.name = name;
      this.version = version;
      this.extraSpec = extraSpec;
    }

    HelmReleaseBuilder withSourceName(String source) {
      this.sourceName = source;
      return this;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> build() {
      Map<String, Object> hr =
          Yaml.map(
              """
              apiVersion: helm.toolkit.fluxcd.io/v2
              kind: HelmRelease
              metadata:
                name: %s
                namespace: %s
                annotations: {}
              spec:
                interval: 1m
                timeout: 10s
                chart:
                  spec:
                    chart: podinfo
                    version: "%s"
                    sourceRef:
                      kind: HelmRepository
                      name: %s
              """
                  .formatted(name, ns, version, sourceName));
      ((Map<String, Object>) hr.get("spec")).putAll(extraSpec);
      return hr;
    }
  }

  @SuppressWarnings("unchecked")
  private void edit(String name, java.util.function.Consumer<Map<String, Object>> specChange) {
    helmReleases()
        .withName(name)
        .unlock()
        .edit(
            hr -> {
              specChange.accept((Map<String, Object>) hr.getAdditionalProperties().get("spec"));
              return hr;
            });
  }

  private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
      helmReleases() {
    return client
        .genericKubernetesResources(FluxCrds.HELM_RELEASE.apiVersion(), "HelmRelease")
        .inNamespace(ns);
  }

  private void awaitReady(String name, String reason) {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Condition ready = ready(FluxCrds.HELM_RELEASE, name);
              assertThat(ready).isNotNull();
              assertThat(ready.reason() + ": " + ready.message()).startsWith(reason + ":");
              assertThat(ready.isTrue()).isTrue();
              GenericKubernetesResource hr = helmReleases().withName(name).get();
              Object observed =
                  Maps.get(hr.getAdditionalProperties(), "status", "observedGeneration");
              assertThat(((Number) observed).longValue())
                  .isEqualTo(hr.getMetadata().getGeneration());
            });
  }

  private Map<String, Object> status(ApiResource type, String name) {
    GenericKubernetesResource obj =
        client
            .genericKubernetesResources(type.apiVersion(), type.kind())
            .inNamespace(ns)
            .withName(name)
            .get();
    return Maps.map(obj.getAdditionalProperties(), "status");
  }

  private Condition ready(ApiResource type, String name) {
    return Condition.read(status(type, name), Condition.READY);
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  private String image(String name) {
    return deployment(name).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private String uiMessage(String name) {
    return deployment(name)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv()
        .stream()
        .filter(e -> e.getName().equals("PODINFO_UI_MESSAGE"))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  private Secret releaseSecret(String release, int version) {
    return client
        .secrets()
        .inNamespace(ns)
        .withName(ReleaseStorage.secretName(release, version))
        .get();
  }
}
