package dev.fluxlab.embedded.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.ApiCatalog;
import dev.fluxlab.embedded.EmbeddedCluster;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A health check's first look uses the objects as the apply returned them: one that is Current
 * there is not read again, one that is not is judged from the cluster as before. The objects here
 * exist only in what the apply "returned", so a read would find them missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthWaitObservedTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private EmbeddedCluster cluster;
  private HealthWait wait;

  @BeforeAll
  void start(@TempDir Path tmp) {
    cluster = EmbeddedCluster.start("health-observed-test", tmp.resolve("kube"));
    wait = new HealthWait(new Applier(cluster.client(), new ApiCatalog(cluster.client())));
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anObjectCurrentInTheApplyResponseIsNotReadAgain() {
    InventoryEntry config = new InventoryEntry("default", "settings", "", "ConfigMap", "v1");
    GenericKubernetesResource applied =
        object("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: default}\n");

    assertThat(wait.until(List.of(config), TIMEOUT, Map.of(config, applied))).isNull();
  }

  @Test
  void anObjectNotYetCurrentInTheApplyResponseIsJudgedFromTheCluster() {
    InventoryEntry deployment = new InventoryEntry("default", "web", "apps", "Deployment", "v1");
    GenericKubernetesResource applied =
        object(
            "apiVersion: apps/v1\nkind: Deployment\n"
                + "metadata: {name: web, namespace: default, generation: 1}\n"
                + "spec: {replicas: 1}\n");

    assertThat(wait.until(List.of(deployment), TIMEOUT, Map.of(deployment, applied)))
        .isEqualTo("timeout waiting for: [Deployment/default/web status: 'NotFound']");
  }

  private GenericKubernetesResource object(String yaml) {
    return cluster
        .client()
        .getKubernetesSerialization()
        .convertValue(Yaml.map(yaml), GenericKubernetesResource.class);
  }
}
