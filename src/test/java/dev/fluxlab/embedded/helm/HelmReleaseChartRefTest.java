package dev.fluxlab.embedded.helm;

import static dev.fluxlab.api.FluxKind.HELM_RELEASE;
import static dev.fluxlab.api.FluxKind.OCI_REPOSITORY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.FluxHarness;
import dev.fluxlab.embedded.oci.OciRegistry;
import dev.fluxlab.embedded.oci.RegistryBinaryBuilt;
import dev.fluxlab.embedded.oci.RegistryFlux;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.oci.FluxArtifact;
import dev.fluxlab.oci.HelmChartArtifact;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryCharts;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.oci.RegistrySecrets;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import land.oras.Manifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * HelmRelease {@code chartRef} to an OCIRepository, as helm-controller 1.6 reads it: the podinfo
 * chart pushed to a real registry process as {@code helm push} pushes it, installed and upgraded
 * with the digest-stamped chart version; a source without a chart is Ready=False with Flux's
 * reasons. Skipped, naming the binary, where the registry is not built.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(RegistryBinaryBuilt.class)
class HelmReleaseChartRefTest {
  private Path tmp;
  private RegistryFlux running;
  private OciRegistry registry;
  private FluxHarness flux;
  private ChartRepository charts;

  @BeforeAll
  void start(@TempDir Path tmp) {
    this.tmp = tmp;
    running = RegistryFlux.start(tmp);
    registry = running.registry();
    flux = running.flux();
    charts =
        new ChartRepository(tmp.resolve("charts"))
            .addVersions(HelmFixtures.podinfoChart(), List.of("6.9.0", "6.9.1"));
  }

  @AfterAll
  void stop() {
    if (running != null) {
      running.close();
    }
  }

  private OciClient client() {
    return OciClient.forRegistry(registry.access());
  }

  private HelmChartArtifact.Pushed pushChart(String repository, String version) {
    return HelmChartArtifact.push(
        client(), repository, charts.directory().resolve("podinfo-" + version + ".tgz"));
  }

  private void ociRepository(String name, String repository, Map<String, Object> extra) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("interval", "10m");
    spec.put("url", "oci://" + RegistryRoute.STABLE_HOST + "/" + repository);
    spec.put("ref", Map.of("semver", ">=6.0.0"));
    spec.put("secretRef", Map.of("name", RegistrySecrets.AUTH));
    spec.put("certSecretRef", Map.of("name", RegistrySecrets.CA));
    spec.putAll(extra);
    flux.create(OCI_REPOSITORY, name, spec);
  }

  private static Map<String, Object> helmLayer(String operation) {
    return Map.of(
        "layerSelector",
        Map.of("mediaType", HelmChartArtifact.CONTENT_MEDIA_TYPE, "operation", operation));
  }

  private void helmRelease(String name, String source) {
    flux.create(
        HELM_RELEASE,
        name,
        Map.of("interval", "10m", "chartRef", Map.of("kind", "OCIRepository", "name", source)));
  }

  private String image(String release) {
    Deployment d =
        flux.client().apps().deployments().inNamespace(FluxHarness.NS).withName(release).get();
    return d == null ? null : d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
  }

  private static String short12(String digest) {
    return digest.substring("sha256:".length(), "sha256:".length() + 12);
  }

  @Test
  void aPushedChartIsPublishedWithHelmsMediaTypesAndItsVersionAsTheTag() {
    HelmChartArtifact.Pushed pushed = pushChart("charts/layout", "6.9.0");

    Manifest manifest = client().manifest("charts/layout", pushed.digest());

    assertThat(pushed.tag()).isEqualTo("6.9.0");
    assertThat(client().resolve("charts/layout", "6.9.0")).isEqualTo(pushed.digest());
    assertThat(manifest.getConfig().getMediaType()).isEqualTo(HelmChartArtifact.CONFIG_MEDIA_TYPE);
    assertThat(manifest.getLayers())
        .extracting(l -> l.getMediaType())
        .containsExactly(HelmChartArtifact.CONTENT_MEDIA_TYPE);
    assertThat(manifest.getAnnotations())
        .containsEntry("org.opencontainers.image.title", "podinfo")
        .containsEntry("org.opencontainers.image.version", "6.9.0");
  }

  @Test
  void installsTheTaggedChartVersionThenUpgradesWhenANewerSemverTagIsPushed() {
    String first = pushChart("upgrade/podinfo", "6.9.0").digest();
    ociRepository("podinfo", "upgrade/podinfo", helmLayer("copy"));
    helmRelease("podinfo", "podinfo");

    Condition installed = flux.awaitReady(HELM_RELEASE, "podinfo", "True", "InstallSucceeded");

    String v1 = "6.9.0+" + short12(first);
    assertThat(installed.message())
        .isEqualTo(
            "Helm install succeeded for release flux-system/podinfo.v1 with chart podinfo@" + v1);
    assertThat(image("podinfo")).isEqualTo("stefanprodan/podinfo:6.9.0");
    Map<String, Object> status = flux.status(HELM_RELEASE, "podinfo");
    assertThat(status)
        .containsEntry("lastAttemptedRevision", v1)
        .containsEntry("lastAttemptedRevisionDigest", first)
        .doesNotContainKey("helmChart");
    assertThat(Maps.string(Maps.list(status, "history").get(0), "chartVersion")).isEqualTo(v1);

    String second = pushChart("upgrade/podinfo", "6.9.1").digest();
    flux.reconcile(OCI_REPOSITORY, "podinfo");

    // The new artifact wakes the HelmRelease, as helm-controller watches its OCIRepository.
    Condition upgraded = flux.awaitReady(HELM_RELEASE, "podinfo", "True", "UpgradeSucceeded");
    assertThat(upgraded.message())
        .isEqualTo(
            "Helm upgrade succeeded for release flux-system/podinfo.v2 with chart podinfo@6.9.1+"
                + short12(second));
    assertThat(image("podinfo")).isEqualTo("stefanprodan/podinfo:6.9.1");
  }

  @Test
  void theEnvironmentsChartPackagesArePublishedUnderChartsAndInstallByChartRef() {
    List<String> pushed = RegistryCharts.publish(client(), charts.directory());
    ociRepository(
        "published",
        "charts/podinfo",
        Map.of(
            "ref",
            Map.of("semver", "6.9.x"),
            "layerSelector",
            Map.of("mediaType", HelmChartArtifact.CONTENT_MEDIA_TYPE, "operation", "copy")));
    helmRelease("podinfo-published", "published");

    flux.awaitReady(HELM_RELEASE, "podinfo-published", "True", "InstallSucceeded");

    assertThat(pushed).containsExactly("charts/podinfo:6.9.0", "charts/podinfo:6.9.1");
    assertThat(client().tags("charts/podinfo")).contains("6.9.0", "6.9.1");
    assertThat(image("podinfo-published")).isEqualTo("stefanprodan/podinfo:6.9.1");
  }

  @Test
  void anExtractedChartLayerInstallsToo() {
    String digest = pushChart("charts/extracted", "6.9.1").digest();
    ociRepository("extracted", "charts/extracted", Map.of());
    helmRelease("podinfo-extracted", "extracted");

    Condition installed =
        flux.awaitReady(HELM_RELEASE, "podinfo-extracted", "True", "InstallSucceeded");

    assertThat(installed.message()).endsWith("with chart podinfo@6.9.1+" + short12(digest));
    assertThat(image("podinfo-extracted")).isEqualTo("stefanprodan/podinfo:6.9.1");
  }

  @Test
  void aLayerSelectorForHelmChartsOnAFluxArtifactLeavesTheReleaseWaitingForItsSource() {
    pushConfig("charts/config-a");
    ociRepository("config-a", "charts/config-a", helmLayer("copy"));
    helmRelease("config-a", "config-a");

    Condition source =
        flux.awaitReady(OCI_REPOSITORY, "config-a", "False", "OCILayerOperationFailed");
    Condition release = flux.awaitReady(HELM_RELEASE, "config-a", "False", "SourceNotReady");

    assertThat(release.message())
        .isEqualTo("OCIRepository 'flux-system/config-a' is not ready: " + source.message());
    assertThat(source.message())
        .isEqualTo(
            "failed to find layer with media type '"
                + HelmChartArtifact.CONTENT_MEDIA_TYPE
                + "' in artifact");
    assertThat(flux.status(HELM_RELEASE, "config-a")).doesNotContainKey("history");
  }

  @Test
  void aFluxArtifactWithoutALayerSelectorIsNoChart() {
    pushConfig("charts/config-b");
    ociRepository("config-b", "charts/config-b", Map.of());
    helmRelease("config-b", "config-b");

    flux.awaitReady(OCI_REPOSITORY, "config-b", "True", "Succeeded");
    Condition release = flux.awaitReady(HELM_RELEASE, "config-b", "False", "ArtifactFailed");

    // Helm's loader on source-controller's archive of the extracted layer.
    assertThat(release.message())
        .isEqualTo(
            "Could not load chart: chart illegally contains content outside the base directory:"
                + " \"cm.yaml\"");
    assertThat(flux.status(HELM_RELEASE, "config-b")).doesNotContainKey("history");
  }

  @Test
  void aCopiedFluxArtifactIsNoChartPackage() {
    pushConfig("charts/config-c");
    ociRepository(
        "config-c",
        "charts/config-c",
        Map.of(
            "layerSelector",
            Map.of("mediaType", FluxArtifact.CONTENT_MEDIA_TYPE, "operation", "copy")));
    helmRelease("config-c", "config-c");

    Condition release = flux.awaitReady(HELM_RELEASE, "config-c", "False", "ArtifactFailed");

    assertThat(release.message())
        .isEqualTo(
            "Could not load chart: chart illegally contains content outside the base directory:"
                + " \"cm.yaml\"");
  }

  @Test
  void aMissingOciRepositoryIsAnArtifactFailure() {
    helmRelease("orphan", "nowhere");

    Condition release = flux.awaitReady(HELM_RELEASE, "orphan", "False", "ArtifactFailed");

    assertThat(release.message())
        .isEqualTo(
            "could not get Source object: ocirepositories.source.toolkit.fluxcd.io \"nowhere\""
                + " not found");
  }

  /** A {@code flux push artifact} of plain manifests, tagged 6.9.0 to match the semver range. */
  private void pushConfig(String repository) {
    try {
      Path dir = Files.createDirectories(tmp.resolve("config-" + repository.replace('/', '-')));
      Files.writeString(
          dir.resolve("cm.yaml"),
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: default\n");
      FluxArtifact.push(
          client(),
          repository,
          "6.9.0",
          dir,
          "https://git.example/fleet",
          "main@sha1:abc",
          Map.of(),
          tmp.resolve("push"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
