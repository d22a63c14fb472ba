package dev.fluxlab.embedded;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

/**
 * Plays the namespace controller the mock API server lacks: when a namespace is deleted, everything
 * in it is deleted too, as on a real cluster (offboarding a tenant removes its namespace and with
 * it the tenant's Flux objects and workloads).
 */
final class NamespaceCascade implements AutoCloseable {
  private final KubernetesClient client;
  private final ApiCatalog catalog;
  private SharedIndexInformer<Namespace> informer;

  NamespaceCascade(KubernetesClient client, ApiCatalog catalog) {
    this.client = client;
    this.catalog = catalog;
  }

  NamespaceCascade start() {
    informer =
        client
            .namespaces()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Namespace ns) {}

                  @Override
                  public void onUpdate(Namespace oldNs, Namespace ns) {}

                  @Override
                  public void onDelete(Namespace ns, boolean deletedFinalStateUnknown) {
                    deleteContents(ns.getMetadata().getName());
                  }
                });
    return this;
  }

  private void deleteContents(String namespace) {
    for (ApiResource type : catalog.all()) {
      if (!type.namespaced() || type.kind().equals("Event")) {
        continue;
      }
      try {
        client
            .genericKubernetesResources(type.apiVersion(), type.kind())
            .inNamespace(namespace)
            .delete();
      } catch (KubernetesClientException | IllegalStateException e) {
        // Best effort (the cluster may be shutting down): a leftover object is only clutter.
      }
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
  }
}
