package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HelmReleaseSpecTest {
  private static HelmReleaseSpec spec(String specYaml) {
    String yaml =
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata: {name: podinfo, namespace: flux-system}
        spec:
        """
            + specYaml.indent(2);
    return HelmReleaseSpec.of(
        new KubernetesSerialization()
            .convertValue(Yaml.map(yaml), GenericKubernetesResource.class));
  }

  @Test
  void defaultsLikeHelmController() {
    HelmReleaseSpec s =
        spec("chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: repo}}}");

    assertThat(s.releaseName()).isEqualTo("podinfo");
    assertThat(s.targetNamespace()).isEqualTo("flux-system");
    assertThat(s.storageNamespace()).isEqualTo("flux-system");
    assertThat(s.versionConstraint()).isEqualTo("*");
    assertThat(s.sourceNamespace()).isEqualTo("flux-system");
    assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.maxHistory()).isEqualTo(5);
    assertThat(s.driftDetection()).isFalse();
    assertThat(s.helmChart()).isEqualTo("flux-system/flux-system-podinfo");
  }

  @Test
  void targetNamespacePrefixesTheReleaseName() {
    HelmReleaseSpec s =
        spec(
            "targetNamespace: apps\n"
                + "chart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: r}}}");

    assertThat(s.releaseName()).isEqualTo("apps-podinfo");
    assertThat(s.targetNamespace()).isEqualTo("apps");
    assertThat(s.storageNamespace()).isEqualTo("flux-system");
  }

  @Test
  void shortensReleaseNamesOverHelmsLimit() {
    HelmReleaseSpec s =
        spec(
            "releaseName: "
                + "a".repeat(60)
                + "\nchart: {spec: {chart: podinfo, sourceRef: {kind: HelmRepository, name: r}}}");

    assertThat(s.releaseName()).hasSize(53).startsWith("a".repeat(40) + "-");
  }

  @Test
  void aChartRefToAnOciRepositoryIsSupportedAndDefaultsToTheReleaseNamespace() {
    HelmReleaseSpec s = spec("chartRef: {kind: OCIRepository, name: podinfo}");

    s.requireSupported();
    assertThat(s.usesChartRef()).isTrue();
    assertThat(s.chartRefNamespace()).isEqualTo("flux-system");
    assertThat(s.chartRefName()).isEqualTo("podinfo");
    assertThat(s.validChartReference()).isTrue();
  }

  @Test
  void chartAndChartRefTogetherOrNeitherIsNoValidChartReference() {
    assertThat(
            spec("chartRef: {kind: OCIRepository, name: p}\n"
                    + "chart: {spec: {chart: p, sourceRef: {kind: HelmRepository, name: r}}}")
                .validChartReference())
        .isFalse();
    assertThat(spec("interval: 1m").validChartReference()).isFalse();
  }

  @Test
  void refusesSourcesTheEmbeddedBackendLacks() {
    assertThatThrownBy(() -> spec("chartRef: {kind: HelmChart, name: podinfo}").requireSupported())
        .hasMessageContaining("spec.chartRef kind 'HelmChart' is not supported");
    assertThatThrownBy(
            () ->
                spec("chart: {spec: {chart: podinfo, sourceRef: {kind: GitRepository, name: r}}}")
                    .requireSupported())
        .hasMessageContaining("'GitRepository' is not supported");
  }
}
