package dev.fluxlab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.oci.RegistryBinaryBuilt;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.oci.HelmChartArtifact;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.oci.RegistrySecrets;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded environment's registry holds the fixture's podinfo chart at the start and next
 * versions from the start, and a HelmRelease in a cluster installs it through an OCIRepository and
 * {@code chartRef} with the Secrets the environment created.
 */
@ExtendWith(RegistryBinaryBuilt.class)
class EmbeddedRegistryChartsTest {
  private static final Duration READY = Duration.ofSeconds(60);

  @Test
  void thePodinfoChartIsInTheRegistryAndInstallsByChartRef(@TempDir Path state) {
    Settings settings = TestEnvironments.settings(state, "env.name=ocicharts");
    try (Environment env = TestEnvironments.deploy(settings)) {
      OciClient registry = OciClient.forRegistry(RegistryAccess.read(settings.envDir()));
      assertThat(registry.tags("charts/podinfo"))
          .contains(settings.podinfoStartVersion(), settings.podinfoNextVersion());

      String cluster = env.clusters().get(0);
      KubernetesClient client = env.client(cluster);
      create(
          client,
          FluxKind.OCI_REPOSITORY,
          "podinfo-oci",
          Map.of(
              "interval", "10m",
              "url", "oci://" + RegistryRoute.STABLE_HOST + "/charts/podinfo",
              "ref", Map.of("tag", settings.podinfoNextVersion()),
              "layerSelector",
                  Map.of("mediaType", HelmChartArtifact.CONTENT_MEDIA_TYPE, "operation", "copy"),
              "secretRef", Map.of("name", RegistrySecrets.AUTH),
              "certSecretRef", Map.of("name", RegistrySecrets.CA)));
      create(
          client,
          FluxKind.HELM_RELEASE,
          "podinfo-oci",
          Map.of(
              "interval",
              "10m",
              "chartRef",
              Map.of("kind", "OCIRepository", "name", "podinfo-oci")));

      await()
          .atMost(READY)
          .untilAsserted(
              () ->
                  assertThat(ready(client, FluxKind.HELM_RELEASE, "podinfo-oci"))
                      .extracting(Condition::status, Condition::reason)
                      .containsExactly("True", "InstallSucceeded"));
      assertThat(
              client
                  .apps()
                  .deployments()
                  .inNamespace("flux-system")
                  .withName("podinfo-oci")
                  .get()
                  .getSpec()
                  .getTemplate()
                  .getSpec()
                  .getContainers()
                  .get(0)
                  .getImage())
          .endsWith(":" + settings.podinfoNextVersion());
    } finally {
      Teardown.run(state, "ocicharts");
    }
  }

  private static void create(
      KubernetesClient client, FluxKind kind, String name, Map<String, Object> spec) {
    GenericKubernetesResource obj =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(kind.apiVersion())
            .withKind(kind.kind())
            .withNewMetadata()
            .withName(name)
            .withNamespace("flux-system")
            .endMetadata()
            .addToAdditionalProperties("spec", spec)
            .build();
    client.genericKubernetesResources(kind.apiVersion(), kind.kind()).resource(obj).create();
  }

  private static Condition ready(KubernetesClient client, FluxKind kind, String name) {
    GenericKubernetesResource obj =
        client
            .genericKubernetesResources(kind.apiVersion(), kind.kind())
            .inNamespace("flux-system")
            .withName(name)
            .get();
    Condition c = Condition.read(Maps.map(obj.getAdditionalProperties(), "status"), "Ready");
    return c == null ? new Condition("Ready", "Unknown", "", "") : c;
  }
}
