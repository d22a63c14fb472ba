package dev.fluxlab.embedded.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.bench.ApiRequests;
import dev.fluxlab.embedded.ApiCatalog;
import dev.fluxlab.embedded.EmbeddedCluster;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier compares a dry-run with the copy of the object it already holds at the
 * resourceVersion the dry-run reports, and reads the object only when it holds none at that
 * version: an unchanged re-apply costs no read, and a change made by someone else is still seen and
 * corrected.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplierKnownVersionTest {
  private EmbeddedCluster cluster;
  private Applier applier;

  @BeforeAll
  void start(@TempDir Path tmp) {
    cluster = EmbeddedCluster.start("applier-known-version-test", tmp.resolve("kube"));
    applier = new Applier(cluster.client(), new ApiCatalog(cluster.client()));
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void anUnchangedReapplyReadsNothingAndReportsNoChange() {
    applier.apply(List.of(settings("one", "a")), cluster.client(), "kustomize-controller");
    long readsBefore = configMapReads();

    Applier.Result again =
        applier.apply(List.of(settings("one", "a")), cluster.client(), "kustomize-controller");

    assertThat(again.changes()).isEmpty();
    assertThat(configMapReads()).isEqualTo(readsBefore);
  }

  @Test
  void aChangeMadeBySomeoneElseIsReadAndCorrected() {
    applier.apply(List.of(settings("two", "a")), cluster.client(), "kustomize-controller");
    cluster
        .client()
        .configMaps()
        .inNamespace("default")
        .withName("two")
        .edit(
            cm -> {
              cm.getData().put("key", "changed by hand");
              return cm;
            });

    Applier.Result again =
        applier.apply(List.of(settings("two", "a")), cluster.client(), "kustomize-controller");

    assertThat(again.changes()).containsExactly("ConfigMap/default/two configured");
    assertThat(cluster.client().configMaps().inNamespace("default").withName("two").get().getData())
        .containsEntry("key", "a");
  }

  private long configMapReads() {
    return ApiRequests.byVerbAndResource(cluster.client()).getOrDefault("GET configmaps", 0L);
  }

  private GenericKubernetesResource settings(String name, String value) {
    Map<String, Object> doc =
        Yaml.map(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "
                + name
                + ", namespace: default}\ndata: {key: "
                + value
                + "}\n");
    return cluster
        .client()
        .getKubernetesSerialization()
        .convertValue(doc, GenericKubernetesResource.class);
  }
}
