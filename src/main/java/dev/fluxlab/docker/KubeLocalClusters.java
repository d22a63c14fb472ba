package dev.fluxlab.docker;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.Kubeconfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Clusters made of the real Kubernetes control plane built here (one container per cluster: etcd,
 * kube-apiserver, controller-manager, scheduler and kwok's simulated nodes — see
 * scripts/images/README.md) with the real Flux controllers in containers of their own beside it.
 *
 * <p>Simulated nodes run no pods, so Flux's Deployments are not applied; everything else of the
 * install (CRDs, namespace, RBAC, ServiceAccounts) is. Each controller authenticates with a token
 * of its own ServiceAccount from the TokenRequest API, so RBAC and impersonation are the real
 * thing.
 */
final class KubeLocalClusters implements ClusterProvisioner {
  /** The controllers started per cluster, from the flux image. */
  static final List<String> CONTROLLERS =
      List.of("source-controller", "kustomize-controller", "helm-controller");

  private static final int ARTIFACT_PORT = 9090;

  private static final int API_PORT = 6443;
  private static final String TOKENS = "/etc/fluxlab/tokens.csv";
  private static final String CONTROLLER_KUBECONFIG = "/etc/fluxlab/kubeconfig";
  private static final long TOKEN_SECONDS = Duration.ofDays(365).toSeconds();
  private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "Service");

  @Override
  @SuppressWarnings("resource") // stopped by the environment's teardown (by label)
  public String provision(String cluster, Context context) {
    String adminToken = Credentials.generate("token").password();
    String apiAlias = "kube-" + cluster;
    GenericContainer<?> api =
        new GenericContainer<>(DockerImageName.parse(context.docker().kubeImage()))
            .withNetwork(context.network())
            .withNetworkAliases(apiAlias)
            .withExposedPorts(API_PORT)
            .withEnv("FLUXLAB_NODES", "1")
            .withLabels(DockerLabels.of(context.env(), "cluster", cluster))
            .withCreateContainerCmdModifier(
                cmd -> cmd.withName(DockerLabels.name(context.env(), cluster)))
            .withCopyToContainer(
                Transferable.of(adminToken + ",fluxlab-admin,fluxlab-admin,system:masters\n", 0600),
                TOKENS)
            .waitingFor(
                Wait.forLogMessage(".*fluxlab-kube: ready.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(3)));
    context.progress().accept("starting Kubernetes control plane for cluster " + cluster);
    Containers.start(api, "the Kubernetes control plane of cluster " + cluster);
    String server = "https://" + api.getHost() + ":" + api.getMappedPort(API_PORT);
    String kubeconfig =
        Kubeconfig.withToken(DockerLabels.name(context.env(), cluster), server, adminToken);
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      ClusterReadiness.await(client);
      context.fluxInstall(client, cluster).apply(client, KubeLocalClusters::isNotWorkload);
      for (String controller : CONTROLLERS) {
        startController(
            controller,
            cluster,
            context,
            Kubeconfig.withToken(
                controller, "https://" + apiAlias + ":" + API_PORT, token(client, controller)));
      }
    }
    return kubeconfig;
  }

  private static boolean isNotWorkload(HasMetadata o) {
    return !WORKLOAD_KINDS.contains(o.getKind());
  }

  /** A token of the controller's own ServiceAccount, which Flux's RBAC binds. */
  private static String token(KubernetesClient client, String serviceAccount) {
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(TOKEN_SECONDS)
            .endSpec()
            .build();
    TokenRequest issued =
        client
            .serviceAccounts()
            .inNamespace(FluxInstall.NAMESPACE)
            .withName(serviceAccount)
            .tokenRequest(request);
    if (issued.getStatus() == null || issued.getStatus().getToken() == null) {
      throw new FluxLabException("no token issued for ServiceAccount " + serviceAccount);
    }
    return issued.getStatus().getToken();
  }

  @SuppressWarnings("resource") // stopped by the environment's teardown (by label)
  private static void startController(
      String controller, String cluster, Context context, String kubeconfig) {
    List<String> command = new ArrayList<>();
    command.add(controller);
    command.add("--watch-all-namespaces=true");
    command.add("--enable-leader-election=false");
    command.add("--log-encoding=console");
    command.add("--events-addr=");
    String alias = controller + "-" + cluster;
    if (controller.equals("source-controller")) {
      // Artifacts are served over HTTP to the other controllers, which reach this container by
      // its alias on the environment's network (in a cluster: the source-controller Service).
      command.add("--storage-path=/data");
      command.add("--storage-addr=:" + ARTIFACT_PORT);
      command.add("--storage-adv-addr=" + alias + ":" + ARTIFACT_PORT);
    } else {
      command.add("--requeue-dependency=" + FluxInstall.LAB_REQUEUE_DEPENDENCY);
      if (context.lockedDown()) {
        command.add("--no-cross-namespace-refs=true");
        command.add("--default-service-account=" + context.defaultServiceAccount());
      }
    }
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(context.docker().fluxImage()))
            .withNetwork(context.network())
            .withNetworkAliases(alias)
            .withEnv("RUNTIME_NAMESPACE", FluxInstall.NAMESPACE)
            // controller-runtime reads it; the Flux controllers have no --kubeconfig flag.
            .withEnv("KUBECONFIG", CONTROLLER_KUBECONFIG)
            .withCommand(command.toArray(String[]::new))
            .withLabels(DockerLabels.of(context.env(), "flux-controller", cluster))
            .withCreateContainerCmdModifier(
                cmd -> cmd.withName(DockerLabels.name(context.env(), cluster, controller)))
            .withCopyToContainer(Transferable.of(kubeconfig, 0644), CONTROLLER_KUBECONFIG)
            .waitingFor(
                Wait.forLogMessage(".*Starting workers.*", 1)
                    .withStartupTimeout(Duration.ofMinutes(2)));
    context.progress().accept("starting " + controller + " for " + cluster);
    Containers.start(container, controller + " for cluster " + cluster);
  }
}
