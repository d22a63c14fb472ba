package dev.fluxlab.embedded.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kstatus on Flux objects without a Ready condition: a HelmRepository of type oci, which
 * source-controller leaves with an empty status, is healthy; any other Flux object is still being
 * reconciled, and so is the OCI one while its defaulted observedGeneration is not yet cleared.
 */
class HelmRepositoryStaticHealthTest {
  private static GenericKubernetesResource object(String kind, String spec, String status) {
    GenericKubernetesResource obj = new GenericKubernetesResource();
    obj.setApiVersion(
        kind.equals("HelmRelease") ? "helm.toolkit.fluxcd.io/v2" : "source.toolkit.fluxcd.io/v1");
    obj.setKind(kind);
    obj.setMetadata(
        new ObjectMetaBuilder().withName("x").withNamespace("ns").withGeneration(1L).build());
    obj.setAdditionalProperty("spec", Yaml.map(spec));
    obj.setAdditionalProperty("status", status == null ? Map.of() : Yaml.map(status));
    return obj;
  }

  @Test
  void aStaticOciHelmRepositoryIsCurrent() {
    assertThat(Health.of(object("HelmRepository", "type: oci\nurl: oci://r/charts\n", null)))
        .isEqualTo(Health.State.CURRENT);
  }

  @Test
  void anOciHelmRepositoryNotYetMadeStaticIsInProgress() {
    assertThat(
            Health.of(
                object(
                    "HelmRepository",
                    "type: oci\nurl: oci://r/charts\n",
                    "observedGeneration: -1\n")))
        .isEqualTo(Health.State.IN_PROGRESS);
  }

  @Test
  void otherFluxObjectsWithoutReadyAreInProgress() {
    assertThat(Health.of(object("HelmRepository", "url: https://charts.example\n", null)))
        .isEqualTo(Health.State.IN_PROGRESS);
    assertThat(Health.of(object("HelmRelease", "interval: 5m\n", null)))
        .isEqualTo(Health.State.IN_PROGRESS);
  }
}
