package dev.fluxlab.docker;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Makes Gitea reachable from pods by the same name containers use ({@code gitea}): a Service
 * without selector whose EndpointSlice points at Gitea's container address. Pods cannot use
 * Docker's embedded DNS (k3s runs its own), but {@code gitea} resolves through the pod's search
 * path in the namespace that holds this Service, which is where source-controller runs.
 */
final class GiteaService {
  private GiteaService() {}

  private static Map<String, String> serviceLabels(Map<String, String> labels) {
    Map<String, String> all = new java.util.LinkedHashMap<>(labels);
    all.put("kubernetes.io/service-name", GiteaServer.HOST);
    return all;
  }

  /**
   * @param labels put on both objects (an existing cluster's teardown finds them by label)
   */
  static void expose(
      KubernetesClient client, String namespace, String giteaAddress, Map<String, String> labels) {
    client
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(GiteaServer.HOST)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withName("http")
                .withPort(GiteaServer.PORT)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build())
        .createOr(s -> s.update());
    client
        .discovery()
        .v1()
        .endpointSlices()
        .resource(
            new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(GiteaServer.HOST + "-container")
                .withNamespace(namespace)
                .withLabels(serviceLabels(labels))
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses(giteaAddress)
                .withNewConditions()
                .withReady(true)
                .endConditions()
                .endEndpoint()
                .addNewPort()
                .withName("http")
                .withPort(GiteaServer.PORT)
                .withProtocol("TCP")
                .endPort()
                .build())
        .createOr(s -> s.update());
  }
}
