package dev.fluxlab.embedded.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.EmbeddedCluster;
import dev.fluxlab.embedded.EmbeddedFlux;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.impl.cache.CacheImpl;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Status writes start from the informer's copy of the object. A copy that lags behind the API
 * server (someone changed the object since) must neither fail the write nor lose it: the API server
 * refuses the stale version and the write is made again on a fresh read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusWriterTest {
  private static final ApiResource TYPE = FluxCrds.KUSTOMIZATION;
  private static final String NS = "flux-system";

  private EmbeddedCluster cluster;
  private KubernetesClient client;

  @BeforeAll
  void start(@TempDir Path tmp) {
    cluster = EmbeddedCluster.start("status-writer-test", tmp.resolve("kube"));
    client = cluster.client();
    EmbeddedFlux.install(cluster, null);
  }

  @AfterAll
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aStatusWrittenFromALaggingCopyLandsOnTheLatestVersion() {
    GenericKubernetesResource lagging = create("lagging");
    // Someone changes the object after the cache saw it: the cached resourceVersion is stale.
    GenericKubernetesResource latest = kustomizations().withName("lagging").get();
    Maps.spec(latest).put("interval", "5m");
    latest = kustomizations().resource(latest).update();
    StatusWriter writer = new StatusWriter(client, cacheHolding(lagging));

    writer.update(
        TYPE,
        latest,
        status -> Condition.ready("ReconciliationSucceeded", "Applied").writeTo(status, 2));

    GenericKubernetesResource stored = kustomizations().withName("lagging").get();
    Map<String, Object> status = Maps.map(stored.getAdditionalProperties(), "status");
    assertThat(Condition.read(status, Condition.READY).isTrue()).isTrue();
    assertThat(status.get("observedGeneration")).isEqualTo(2);
    assertThat(Maps.spec(stored).get("interval")).isEqualTo("5m");
  }

  @Test
  void aCurrentCopyIsWrittenAsItIs() {
    GenericKubernetesResource current = create("current");
    StatusWriter writer = new StatusWriter(client, cacheHolding(current));

    writer.update(TYPE, current, status -> status.put("lastAttemptedRevision", "main@sha1:abc"));

    assertThat(
            Maps.string(
                kustomizations().withName("current").get().getAdditionalProperties(),
                "status",
                "lastAttemptedRevision"))
        .isEqualTo("main@sha1:abc");
  }

  private ObjectCache cacheHolding(GenericKubernetesResource copy) {
    CacheImpl<GenericKubernetesResource> store = new CacheImpl<>();
    store.put(copy);
    ObjectCache objects = new ObjectCache(client);
    objects.serve(TYPE, store);
    return objects;
  }

  private GenericKubernetesResource create(String name) {
    GenericKubernetesResource ks =
        client
            .getKubernetesSerialization()
            .convertValue(
                Yaml.map(
                    "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                        + "kind: Kustomization\n"
                        + "metadata: {name: "
                        + name
                        + ", namespace: "
                        + NS
                        + "}\n"
                        + "spec: {interval: 10m, path: ./, prune: true,"
                        + " sourceRef: {kind: GitRepository, name: flux-system}}\n"),
                GenericKubernetesResource.class);
    return kustomizations().resource(ks).create();
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      kustomizations() {
    return client.genericKubernetesResources(TYPE.apiVersion(), TYPE.kind()).inNamespace(NS);
  }
}
