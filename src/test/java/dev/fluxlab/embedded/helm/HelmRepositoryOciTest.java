package dev.fluxlab.embedded.helm;

import static dev.fluxlab.api.FluxKind.HELM_RELEASE;
import static dev.fluxlab.api.FluxKind.HELM_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.FluxKind;
import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.oci.RegistryBinaryBuilt;
import dev.fluxlab.embedded.oci.RegistryFlux;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryCharts;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.oci.RegistrySecrets;
import dev.fluxlab.ops.ObjectStatus;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HelmRepository of type oci as source-controller 1.9 treats it, against a real registry process
 * holding the podinfo chart as {@code helm push} stores it: a static object (empty status) whose
 * charts a HelmRelease pulls as {@code <url>/<chart>:<version>}, exact or resolved over the tags; a
 * missing tag, an unknown chart, wrong credentials and a bad URL leave the release SourceNotReady
 * with the HelmChart's words, naming the chart. Skipped, naming the binary, where the registry is
 * not built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RegistryBinaryBuilt.class)
class HelmRepositoryOciTest {
  private static final String CHARTS_URL = "oci://" + RegistryRoute.STABLE_HOST + "/charts";

  private RegistryFlux running;
  private FluxHarness flux;

  @BeforeAll
  void start(@TempDir Path tmp) {
    running = RegistryFlux.start(tmp);
    flux = running.flux();
    ChartRepository charts =
        new ChartRepository(tmp.resolve("charts"))
            .addVersions(HelmFixtures.podinfoChart(), List.of("6.9.0", "6.9.1"));
    RegistryCharts.publish(OciClient.forRegistry(running.registry().access()), charts.directory());
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  private void ociRepository(String name, Map<String, Object> extra) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", "oci");
    spec.put("url", CHARTS_URL);
    spec.put("secretRef", Map.of("name", RegistrySecrets.AUTH));
    spec.put("certSecretRef", Map.of("name", RegistrySecrets.CA));
    spec.putAll(extra);
    flux.create(HELM_REPOSITORY, name, spec);
  }

  private void helmRelease(String name, String repository, String chart, String version) {
    flux.create(
        HELM_RELEASE,
        name,
        Map.of(
            "interval",
            "10m",
            "chart",
            Map.of(
                "spec",
                Map.of(
                    "chart",
                    chart,
                    "version",
                    version,
                    "sourceRef",
                    Map.of("kind", "HelmRepository", "name", repository)))));
  }

  private String image(String release) {
    Deployment d =
        flux.client().apps().deployments().inNamespace(FluxHarness.NS).withName(release).get();
    return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private Condition notReady(String release) {
    return flux.awaitReady(HELM_RELEASE, release, "False", ChartFetcher.SOURCE_NOT_READY);
  }

  private static String helmChart(String release) {
    return "HelmChart '"
        + FluxHarness.NS
        + "/"
        + FluxHarness.NS
        + "-"
        + release
        + "' is not ready: ";
  }

  @Test
  void anOciRepositoryIsStaticAndShownReadyAsFluxShowsIt() {
    ociRepository("static", Map.of());

    // source-controller empties its status (the API server defaults observedGeneration) and
    // never writes a condition or an artifact.
    await()
        .atMost(FluxHarness.TIMEOUT)
        .untilAsserted(() -> assertThat(flux.status(HELM_REPOSITORY, "static")).isEmpty());
    ObjectStatus shown =
        ObjectStatus.of("c", FluxKind.HELM_REPOSITORY, flux.get(HELM_REPOSITORY, "static"));
    assertThat(shown.ready()).isEqualTo("True");
    assertThat(shown.message()).isEqualTo("Helm repository is Ready");
    assertThat(shown.settled()).isTrue();
    assertThat(shown.revision()).isEmpty();
  }

  @Test
  void installsTheExactVersionThenUpgradesWhenTheVersionIsBumped() {
    ociRepository("charts-exact", Map.of());
    helmRelease("podinfo-exact", "charts-exact", "podinfo", "6.9.0");

    Condition installed =
        flux.awaitReady(HELM_RELEASE, "podinfo-exact", "True", "InstallSucceeded");

    assertThat(installed.message())
        .isEqualTo(
            "Helm install succeeded for release flux-system/podinfo-exact.v1 with chart"
                + " podinfo@6.9.0");
    Map<String, Object> status = flux.status(HELM_RELEASE, "podinfo-exact");
    // A chart from a HelmRepository keeps its version: no digest stamped on it (that is
    // chartRef's).
    assertThat(status)
        .containsEntry("lastAttemptedRevision", "6.9.0")
        .containsEntry("helmChart", "flux-system/flux-system-podinfo-exact")
        .doesNotContainKey("lastAttemptedRevisionDigest");
    assertThat(image("podinfo-exact")).isEqualTo("stefanprodan/podinfo:6.9.0");

    flux.client()
        .genericKubernetesResources(HELM_RELEASE.apiVersion(), HELM_RELEASE.kind())
        .inNamespace(FluxHarness.NS)
        .withName("podinfo-exact")
        .unlock()
        .edit(
            o -> {
              Maps.map(Maps.spec(o), "chart", "spec").put("version", "6.9.1");
              return o;
            });

    Condition upgraded = flux.awaitReady(HELM_RELEASE, "podinfo-exact", "True", "UpgradeSucceeded");
    assertThat(upgraded.message()).endsWith("with chart podinfo@6.9.1");
    assertThat(image("podinfo-exact")).isEqualTo("stefanprodan/podinfo:6.9.1");
  }

  @Test
  void aRangeIsResolvedOverTheRegistrysTags() {
    ociRepository("charts-range", Map.of());
    helmRelease("podinfo-range", "charts-range", "podinfo", ">=6.0.0 <7.0.0");

    flux.awaitReady(HELM_RELEASE, "podinfo-range", "True", "InstallSucceeded");

    assertThat(flux.status(HELM_RELEASE, "podinfo-range"))
        .containsEntry("lastAttemptedRevision", "6.9.1");
    assertThat(image("podinfo-range")).isEqualTo("stefanprodan/podinfo:6.9.1");
  }

  @Test
  void aMissingTagNamesTheChartReference() {
    ociRepository("charts-missing", Map.of());
    helmRelease("missing-tag", "charts-missing", "podinfo", "9.9.9");

    Condition release = notReady("missing-tag");

    assertThat(release.message())
        .startsWith(
            helmChart("missing-tag")
                + "chart pull error: failed to download chart for remote reference: failed to get '"
                + CHARTS_URL
                + "/podinfo:9.9.9': ");
    assertThat(flux.status(HELM_RELEASE, "missing-tag")).doesNotContainKey("history");
  }

  @Test
  void aRangeNoTagSatisfiesSaysSo() {
    ociRepository("charts-nomatch", Map.of());
    helmRelease("no-match", "charts-nomatch", "podinfo", ">=9.0.0");

    assertThat(notReady("no-match").message())
        .isEqualTo(
            helmChart("no-match")
                + "chart pull error: failed to get chart version for remote reference: could not"
                + " locate a version matching provided version string >=9.0.0");
  }

  @Test
  void anUnknownChartNamesIt() {
    ociRepository("charts-unknown", Map.of());
    helmRelease("unknown-chart", "charts-unknown", "nope", "*");

    assertThat(notReady("unknown-chart").message())
        .startsWith(
            helmChart("unknown-chart")
                + "chart pull error: failed to get chart version for remote reference: could not"
                + " get tags for \"nope\": could not fetch tags for \""
                + CHARTS_URL
                + "/nope\": ");
  }

  @Test
  void wrongCredentialsAreAnAuthenticationFailure() {
    String config =
        "{\"auths\":{\""
            + RegistryRoute.STABLE_HOST
            + "\":{\"username\":\"fluxlab\",\"password\":\"wrong\"}}}";
    flux.client()
        .secrets()
        .inNamespace(FluxHarness.NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("wrong-auth")
                .endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .addToData(
                    ".dockerconfigjson",
                    Base64.getEncoder().encodeToString(config.getBytes(StandardCharsets.UTF_8)))
                .build())
        .create();
    ociRepository("charts-wrong-auth", Map.of("secretRef", Map.of("name", "wrong-auth")));
    helmRelease("wrong-auth", "charts-wrong-auth", "podinfo", "6.9.0");

    assertThat(notReady("wrong-auth").message())
        .startsWith(
            helmChart("wrong-auth")
                + "failed to authenticate with the Helm repository: chart pull error: failed to"
                + " download chart for remote reference: failed to get '"
                + CHARTS_URL
                + "/podinfo:6.9.0': ")
        .contains("UNAUTHORIZED");
  }

  @Test
  void aMissingCredentialsSecretIsNamed() {
    ociRepository("charts-no-secret", Map.of("secretRef", Map.of("name", "absent")));
    helmRelease("no-secret", "charts-no-secret", "podinfo", "6.9.0");

    assertThat(notReady("no-secret").message())
        .isEqualTo(
            helmChart("no-secret")
                + "failed to get authentication secret 'flux-system/absent': secrets \"absent\""
                + " not found");
  }

  @Test
  void anOciRepositoryWithAnHttpUrlFailsItsCharts() {
    ociRepository("charts-https", Map.of("url", "https://charts.example/podinfo"));
    helmRelease("https-url", "charts-https", "podinfo", "6.9.0");

    assertThat(notReady("https-url").message())
        .isEqualTo(
            helmChart("https-url")
                + "failed to construct Helm client: invalid OCI registry URL:"
                + " https://charts.example/podinfo");
    // The repository itself stays static, as source-controller leaves it.
    assertThat(flux.status(HELM_REPOSITORY, "charts-https")).doesNotContainKey("conditions");
  }

  @Test
  void anOciUrlWithTheDefaultTypeIsAnInvalidUrl() {
    flux.create(HELM_REPOSITORY, "default-oci", Map.of("interval", "10m", "url", CHARTS_URL));

    Condition ready = flux.awaitReady(HELM_REPOSITORY, "default-oci", "False", "URLInvalid");

    assertThat(ready.message())
        .isEqualTo(
            "invalid Helm repository URL: 'oci' URL scheme cannot be used with 'default'"
                + " HelmRepository type");
  }

  @Test
  void aRefusedFieldIsReportedOnTheRepositoryAndItsRelease() {
    ociRepository("charts-insecure", Map.of("insecure", true));
    helmRelease("insecure", "charts-insecure", "podinfo", "6.9.0");

    Condition repo =
        flux.awaitReady(HELM_REPOSITORY, "charts-insecure", "False", "UnsupportedField");
    Condition release = notReady("insecure");

    assertThat(repo.message()).startsWith("spec.insecure is not supported");
    assertThat(release.message()).isEqualTo(helmChart("insecure") + repo.message());
  }
}
