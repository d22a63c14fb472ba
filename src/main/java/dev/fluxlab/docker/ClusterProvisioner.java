package dev.fluxlab.docker;

import dev.fluxlab.config.DockerSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.testcontainers.containers.Network;

/**
 * Starts one cluster of a docker environment, with Flux installed and able to reach Gitea and the
 * registry.
 */
interface ClusterProvisioner {
  /**
   * @return a kubeconfig with which this machine reaches the cluster as its administrator
   */
  String provision(String cluster, Context context);

  /**
   * What every cluster of an environment shares.
   *
   * @param envDir the environment's state directory
   * @param lockedDown whether the multi-tenancy lockdown applies to the Flux controllers
   * @param defaultServiceAccount the identity applied objects get under the lockdown
   */
  record Context(
      String env,
      Path envDir,
      Network network,
      DockerSettings docker,
      GiteaServer gitea,
      RegistryServer registry,
      boolean lockedDown,
      String defaultServiceAccount,
      Consumer<String> progress) {

    /**
     * Gitea and the registry as Services of {@code flux-system}, for clusters whose pods cannot
     * resolve the containers' network aliases.
     */
    void exposeContainers(
        KubernetesClient client,
        String giteaAddress,
        String registryAddress,
        Map<String, String> labels) {
      ContainerService.GITEA.expose(client, FluxInstall.NAMESPACE, giteaAddress, labels);
      ContainerService.REGISTRY.expose(client, FluxInstall.NAMESPACE, registryAddress, labels);
    }

    /** The pinned Flux install, read for {@code cluster} (and said so). */
    FluxInstall fluxInstall(KubernetesClient client, String cluster) {
      progress.accept("installing Flux " + docker.fluxVersion() + " on " + cluster);
      return FluxInstall.read(client, docker.fluxManifests(), docker.fluxVersion());
    }
  }
}
