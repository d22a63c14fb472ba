package dev.fluxlab.docker;

import dev.fluxlab.api.FluxLabException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.testcontainers.containers.Container;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * One k3s container per cluster (Testcontainers' k3s module) with the real Flux install running as
 * pods, and Gitea exposed inside the cluster as {@code gitea.flux-system}.
 */
final class K3sClusters implements ClusterProvisioner {
  @Override
  @SuppressWarnings("resource") // stopped by the environment's teardown (by label)
  public String provision(String cluster, Context context) {
    K3sContainer k3s =
        new K3sContainer(
                DockerImageName.parse(context.docker().k3sImage())
                    .asCompatibleSubstituteFor("rancher/k3s"))
            .withNetwork(context.network())
            .withNetworkAliases("k3s-" + cluster)
            .withLabels(DockerLabels.of(context.env(), "cluster", cluster))
            .withCreateContainerCmdModifier(
                cmd -> cmd.withName(DockerLabels.name(context.env(), cluster)));
    context.progress().accept("starting k3s for cluster " + cluster);
    Containers.start(k3s, "k3s for cluster " + cluster);
    if (context.docker().imagesArchive() != null) {
      importImages(k3s, context.docker().imagesArchive());
    }
    String kubeconfig = k3s.getKubeConfigYaml();
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      ClusterReadiness.await(client);
      InClusterFlux.install(client, cluster, context);
    }
    return kubeconfig;
  }

  /**
   * Loads the archive's image tarballs into the node's containerd, for clusters that cannot pull.
   */
  private static void importImages(K3sContainer k3s, Path dir) {
    List<Path> tars;
    try (Stream<Path> files = Files.list(dir)) {
      tars = files.filter(f -> f.toString().endsWith(".tar")).sorted().toList();
    } catch (IOException e) {
      throw new FluxLabException("setting 'images.archive': " + e.getMessage(), e);
    }
    for (Path tar : tars) {
      String target = "/tmp/fluxlab-image-" + tar.getFileName();
      k3s.copyFileToContainer(MountableFile.forHostPath(tar), target);
      try {
        Container.ExecResult r =
            k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", target);
        if (r.getExitCode() != 0) {
          throw new FluxLabException(
              "importing " + tar + " into k3s failed: " + r.getStderr().strip());
        }
      } catch (IOException e) {
        throw new FluxLabException("importing " + tar + " into k3s failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FluxLabException("interrupted while importing images", e);
      }
    }
  }
}
