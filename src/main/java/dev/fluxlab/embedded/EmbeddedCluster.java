package dev.fluxlab.embedded;

import dev.fluxlab.embedded.rbac.BootstrapRoles;
import dev.fluxlab.util.QuietLogging;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * One embedded cluster: fabric8's mock API server in CRUD mode on a loopback port, with the
 * discovery documents kubectl needs and a catalog of the resource types it serves. No pods run;
 * {@link WorkloadStatusSimulator} stands in for the controllers that would report workloads
 * available.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private final String name;
  private final ApiCatalog catalog = new ApiCatalog();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private SharedIndexInformer<CustomResourceDefinition> crdInformer;
  private WorkloadStatusSimulator workloads;

  public EmbeddedCluster(String name) {
    this.name = name;
  }

  /** Starts the API server and the namespaces every cluster has. */
  public EmbeddedCluster start() {
    QuietLogging.apply();
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            responses,
            new ApiServerDispatcher(
                new DiscoveryDocuments(catalog), new KubernetesMixedDispatcher(responses)),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = new KubernetesClientBuilder().withConfig(clientConfig()).build();
    for (String ns : new String[] {"default", "kube-system", "kube-public"}) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    BootstrapRoles.install(client);
    crdInformer = client.apiextensions().v1().customResourceDefinitions().inform(new CrdTracker());
    workloads = new WorkloadStatusSimulator(client).start();
    return this;
  }

  private Config clientConfig() {
    return new ConfigBuilder()
        .withMasterUrl(server.url("/"))
        .withNamespace("default")
        .withRequestTimeout(10_000)
        .build();
  }

  public String name() {
    return name;
  }

  /** The API server URL, e.g. {@code http://127.0.0.1:40123}. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public KubernetesClient client() {
    return client;
  }

  public ApiCatalog catalog() {
    return catalog;
  }

  /**
   * Drops the requests the mock server records for inspection: a long-running environment would
   * otherwise keep every request it ever served in memory.
   */
  public void forgetRecordedRequests() {
    try {
      while (server.takeRequest(0, TimeUnit.MILLISECONDS) != null) {
        // discard
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      if (workloads != null) {
        workloads.close();
      }
      if (crdInformer != null) {
        crdInformer.close();
      }
      if (client != null) {
        client.close();
      }
    } finally {
      if (server != null) {
        server.destroy();
      }
      workloads = null;
      crdInformer = null;
      client = null;
      server = null;
    }
  }

  /** Keeps the catalog (and so discovery) in step with the CRDs stored in the cluster. */
  private final class CrdTracker implements ResourceEventHandler<CustomResourceDefinition> {
    @Override
    public void onAdd(CustomResourceDefinition crd) {
      catalog.register(FluxCrds.fromDefinition(crd));
    }

    @Override
    public void onUpdate(CustomResourceDefinition oldCrd, CustomResourceDefinition crd) {
      onAdd(crd);
    }

    @Override
    public void onDelete(CustomResourceDefinition crd, boolean unknownFinalState) {
      catalog.unregister(crd.getSpec().getGroup(), crd.getSpec().getNames().getPlural());
    }
  }
}
