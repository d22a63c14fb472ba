package dev.fluxlab.docker;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.ChartPublisher;
import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.EnvironmentInfo.GitEndpoints;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.ClusterProvider;
import dev.fluxlab.config.DockerSettings;
import dev.fluxlab.config.Settings;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryCharts;
import dev.fluxlab.oci.RegistrySecrets;
import dev.fluxlab.ops.MultiTenancy;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.SecureFiles;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.testcontainers.containers.Network;

/**
 * Runs an environment in Docker: a Gitea container, an OCI registry container (which also holds the
 * chart packages as Helm OCI artifacts) and one cluster per name (k3s, or the kube-local control
 * plane with Flux controllers in containers), on one network of the environment's own. Everything
 * created carries the environment's label, so {@code teardown} finds it again from the engine
 * alone.
 */
public final class DockerBackend implements Backend {
  public static final String ID = "docker";

  /** The Gitea web UI login (0600), in the environment's directory. */
  public static final String GITEA_LOGIN_FILE = "gitea-login";

  private static final String GITEA_ADMIN = "fluxlab-admin";

  private final ChartPublisher charts;
  private final Consumer<String> progress;

  /**
   * @param charts fills a directory with the chart packages published to Gitea's Helm repository
   * @param progress receives one line per startup step
   */
  public DockerBackend(ChartPublisher charts, Consumer<String> progress) {
    this.charts = charts;
    this.progress = progress;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Environment start(Settings settings) {
    Backend.requireNew(settings);
    Path envDir = settings.envDir();
    DockerSettings docker = settings.docker();
    var client = DockerEngine.client();
    if (DockerSweep.exists(client, settings.envName())) {
      throw new InvalidInputException(
          "Docker already has containers or networks labelled "
              + DockerLabels.ENV
              + "="
              + settings.envName()
              + " (run `fluxlab teardown --name "
              + settings.envName()
              + "` or choose another env.name)");
    }
    if (docker.imagesArchive() != null) {
      DockerEngine.loadArchive(docker.imagesArchive());
    }
    requireImages(docker);
    DockerRuntime runtime = new DockerRuntime(settings.envName());
    try {
      Files.createDirectories(envDir);
      // Written before anything is created, so that teardown after kill -9 knows what to sweep.
      EnvironmentInfo.ownedByThisProcess(settings, ID, GitEndpoints.NONE, Map.of(), "")
          .write(envDir);
      Network network =
          Network.builder()
              .createNetworkCmdModifier(
                  cmd ->
                      cmd.withName(DockerLabels.name(settings.envName()))
                          .withLabels(DockerLabels.of(settings.envName(), "network")))
              .build();
      progress.accept("starting Gitea (" + docker.giteaImage() + ")");
      Credentials admin = Credentials.generate(GITEA_ADMIN);
      GiteaServer gitea =
          GiteaServer.start(
              docker.giteaImage(), network, settings.envName(), settings.gitOwner(), admin);
      Path credentialsFile =
          Environment.writeCredentials(envDir.resolve("credentials"), gitea.tokenCredentials());
      SecureFiles.writeOwnerOnly(
          envDir.resolve(GITEA_LOGIN_FILE),
          "# Gitea web UI login of this fluxlab environment\nusername="
              + admin.username()
              + "\npassword="
              + admin.password()
              + "\n");
      progress.accept("starting the OCI registry (" + docker.registryImage() + ")");
      RegistryServer registry =
          RegistryServer.start(
              docker.registryImage(), network, settings.envName(), Credentials.generate("fluxlab"));
      // For later commands (`fluxlab push artifact`), as on the embedded backend.
      registry.access().write(envDir);
      Path chartsDir = envDir.resolve("charts");
      publishCharts(settings, chartsDir, gitea);
      RegistryCharts.publish(OciClient.forRegistry(registry.access()), chartsDir);

      ClusterProvisioner.Context context =
          new ClusterProvisioner.Context(
              settings.envName(),
              envDir,
              network,
              docker,
              gitea,
              registry,
              MultiTenancy.isLockedDown(settings),
              MultiTenancy.DEFAULT_SERVICE_ACCOUNT,
              progress);
      ClusterProvisioner provisioner = provisioner(docker.clusterProvider());
      Map<String, String> kubeconfigs = new LinkedHashMap<>();
      for (String cluster : settings.clusters()) {
        String kubeconfig = provisioner.provision(cluster, context);
        createRegistrySecrets(kubeconfig, settings.envName(), registry);
        Path file =
            SecureFiles.writeOwnerOnly(
                envDir.resolve("kubeconfig-" + cluster + ".yaml"), kubeconfig);
        kubeconfigs.put(cluster, file.toString());
      }
      String inCluster = GiteaServer.urlInCluster();
      EnvironmentInfo info =
          EnvironmentInfo.ownedByThisProcess(
              settings,
              ID,
              new GitEndpoints(
                  gitea.url().toString(),
                  inCluster,
                  GiteaApi.helmRepositoryUrl(inCluster, settings.gitOwner())),
              kubeconfigs,
              credentialsFile.toString());
      info.write(envDir);
      return new Environment(envDir, info, gitea.tokenCredentials(), runtime);
    } catch (IOException e) {
      cleanUp(runtime, envDir, settings.envName());
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      cleanUp(runtime, envDir, settings.envName());
      throw e;
    }
  }

  private static ClusterProvisioner provisioner(ClusterProvider provider) {
    return switch (provider) {
      case K3S -> new K3sClusters();
      case KUBE_LOCAL -> new KubeLocalClusters();
      case KUBE_NODE -> new KubeNodeClusters();
      case KUBECONFIG -> new ExistingClusters();
    };
  }

  /**
   * The Secrets an OCIRepository names to pull from the registry, in {@code flux-system}: the same
   * as on the embedded backend (labelled, so an existing cluster's teardown removes them).
   */
  private static void createRegistrySecrets(
      String kubeconfig, String env, RegistryServer registry) {
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      RegistrySecrets.create(
          client, FluxInstall.NAMESPACE, registry.access(), Map.of(DockerLabels.ENV, env));
    }
  }

  /** Pulls what is missing; fails before anything is created when an image cannot be had. */
  private void requireImages(DockerSettings docker) {
    List<String> unavailable =
        DockerEngine.pullMissing(
            docker.requiredImagesBySetting(), image -> progress.accept("pulling " + image));
    if (!unavailable.isEmpty()) {
      throw new InvalidInputException(
          "setting "
              + String.join(", ", unavailable)
              + ": not present in the local Docker engine and not pullable (`docker load` it,"
              + " set images.archive, or build the fluxlab-local/* images with"
              + " scripts/build-images and name them in the image.* settings)");
    }
  }

  /** Packages the charts and publishes every package to Gitea's Helm repository of the owner. */
  private void publishCharts(Settings settings, Path dir, GiteaServer gitea) throws IOException {
    Files.createDirectories(dir);
    charts.publish(settings, dir);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path tgz : files.filter(f -> f.toString().endsWith(".tgz")).sorted().toList()) {
        gitea.api().uploadChart(settings.gitOwner(), Files.readAllBytes(tgz));
      }
    }
  }

  /** Removes what a failed start created: in existing clusters, then in Docker, then on disk. */
  private static void cleanUp(DockerRuntime runtime, Path envDir, String env) {
    try {
      ExistingClusterCleanup.run(envDir, env);
    } finally {
      runtime.close();
      Files2.deleteRecursively(envDir);
    }
  }
}
