package dev.fluxlab.embedded.rbac;

import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who a Kustomization or HelmRelease acts as, following kustomize-controller and helm-controller:
 * its {@code spec.serviceAccountName}, else the controller's {@code --default-service-account},
 * impersonated in the object's own namespace; with neither, the controller's own (cluster-admin)
 * identity. The API server authorises every request of an impersonated client with its own RBAC (it
 * adds the service-account groups itself). Clients are kept per identity; {@link #close()} releases
 * them.
 */
public final class Impersonation implements AutoCloseable {
  private final KubernetesClient controller;
  private final String defaultServiceAccount;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  /**
   * @param controller the controllers' own client
   * @param defaultServiceAccount {@code --default-service-account}, or null
   */
  public Impersonation(KubernetesClient controller, String defaultServiceAccount) {
    this.controller = controller;
    this.defaultServiceAccount = defaultServiceAccount;
  }

  /** The client that {@code obj}'s writes go through. */
  public KubernetesClient clientFor(GenericKubernetesResource obj) {
    String sa = Maps.string(Maps.spec(obj), "serviceAccountName");
    if (sa == null || sa.isEmpty()) {
      sa = defaultServiceAccount;
    }
    if (sa == null || sa.isEmpty()) {
      return controller;
    }
    String user = "system:serviceaccount:" + obj.getMetadata().getNamespace() + ":" + sa;
    return clients.computeIfAbsent(user, this::impersonating);
  }

  private KubernetesClient impersonating(String user) {
    Config config =
        new ConfigBuilder(controller.getConfiguration()).withImpersonateUsername(user).build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
  }
}
