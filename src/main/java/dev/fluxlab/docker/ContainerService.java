package dev.fluxlab.docker;

import dev.fluxlab.oci.RegistryRoute;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a container of the environment (Gitea, the registry) reachable from pods by the same name
 * containers use ({@code gitea}, {@code fluxlab-registry}): a Service without selector whose
 * EndpointSlice points at the container's address. Pods cannot use Docker's embedded DNS (k3s runs
 * its own), but the name resolves through the pod's search path in the namespace that holds this
 * Service, which is where source-controller runs.
 *
 * @param name the Service's name: the name containers reach the container by
 * @param port the container's port, and the Service's
 * @param portName the name of that port ({@code http}, {@code https})
 */
record ContainerService(String name, int port, String portName) {
  static final ContainerService GITEA =
      new ContainerService(GiteaServer.HOST, GiteaServer.PORT, "http");
  static final ContainerService REGISTRY =
      new ContainerService(RegistryRoute.STABLE_NAME, RegistryRoute.STABLE_PORT, "https");

  /**
   * @param labels put on both objects (an existing cluster's teardown finds them by label)
   */
  void expose(
      KubernetesClient client, String namespace, String address, Map<String, String> labels) {
    client
        .services()
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .addNewPort()
                .withName(portName)
                .withPort(port)
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build())
        .createOr(s -> s.update());
    Map<String, String> sliceLabels = new LinkedHashMap<>(labels);
    sliceLabels.put("kubernetes.io/service-name", name);
    client
        .discovery()
        .v1()
        .endpointSlices()
        .resource(
            new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(name + "-container")
                .withNamespace(namespace)
                .withLabels(sliceLabels)
                .endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint()
                .withAddresses(address)
                .withNewConditions()
                .withReady(true)
                .endConditions()
                .endEndpoint()
                .addNewPort()
                .withName(portName)
                .withPort(port)
                .withProtocol("TCP")
                .endPort()
                .build())
        .createOr(s -> s.update());
  }
}
