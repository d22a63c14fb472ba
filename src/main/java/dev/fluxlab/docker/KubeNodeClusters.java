package dev.fluxlab.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.fluxlab.api.Credentials;
import dev.fluxlab.util.Kubeconfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * One container per cluster holding a real node and its control plane (image {@code image.node},
 * built by scripts/build-images: containerd, kubelet, kube-proxy, CoreDNS, etcd, kube-apiserver,
 * controller-manager, scheduler), with Flux installed in the cluster exactly as on k3s: its
 * controllers run as pods, from images the node image carries under the manifests' names.
 *
 * <p>The container gets the capability set that lets containerd and runc nest, instead of {@code
 * --privileged}, which fails on Docker engines whose bounding set lacks a capability (Docker 20.10
 * asks for all of them): every capability but SYS_RESOURCE, no seccomp/AppArmor confinement,
 * writable /proc and /sys paths, all devices allowed plus /dev/kmsg for the kubelet, a private
 * cgroup namespace, tmpfs /run and /tmp, and containerd's state on a volume (overlayfs cannot stack
 * on the container's own overlay root). The volume goes with the container at teardown.
 */
final class KubeNodeClusters implements ClusterProvisioner {
  private static final int API_PORT = 6443;
  private static final String TOKENS = "/etc/fluxlab/tokens.csv";
  private static final Duration NODE_READY = Duration.ofMinutes(4);

  @Override
  @SuppressWarnings("resource") // stopped by the environment's teardown (by label)
  public String provision(String cluster, Context context) {
    String adminToken = Credentials.generate("token").password();
    GenericContainer<?> node =
        new GenericContainer<>(DockerImageName.parse(context.docker().nodeImage()))
            .withNetwork(context.network())
            .withNetworkAliases("node-" + cluster)
            .withExposedPorts(API_PORT)
            .withEnv("FLUXLAB_NODE_NAME", cluster)
            .withLabels(DockerLabels.of(context.env(), "cluster", cluster))
            .withTmpFs(Map.of("/run", "rw,exec,nosuid", "/tmp", "rw,exec"))
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withName(DockerLabels.name(context.env(), cluster));
                  cmd.withVolumes(new Volume("/var/lib/containerd"));
                  cmd.withHostConfig(nestingAllowed(cmd.getHostConfig()));
                })
            .withCopyToContainer(
                Transferable.of(adminToken + ",fluxlab-admin,fluxlab-admin,system:masters\n", 0600),
                TOKENS)
            .waitingFor(
                Wait.forLogMessage(".*fluxlab-kube: ready.*", 1).withStartupTimeout(NODE_READY));
    context.progress().accept("starting Kubernetes node for cluster " + cluster);
    Containers.start(node, "the Kubernetes node of cluster " + cluster);
    String server = "https://" + node.getHost() + ":" + node.getMappedPort(API_PORT);
    String kubeconfig =
        Kubeconfig.withToken(DockerLabels.name(context.env(), cluster), server, adminToken);
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      ClusterReadiness.await(client);
      // bench --backends times node Ready by this line.
      context.progress().accept("node of cluster " + cluster + " Ready");
      InClusterFlux.install(client, cluster, context);
    }
    return kubeconfig;
  }

  private static HostConfig nestingAllowed(HostConfig original) {
    // systempaths=unconfined is spelled as empty masked/read-only path lists (see the class).
    HostConfig host = UnmaskedHostConfig.of(original);
    host.withCapAdd(Capability.ALL)
        .withCapDrop(Capability.SYS_RESOURCE)
        .withSecurityOpts(List.of("seccomp=unconfined", "apparmor=unconfined"))
        .withDeviceCgroupRules(List.of("a *:* rwm"))
        .withDevices(List.of(new Device("rwm", "/dev/kmsg", "/dev/kmsg")))
        .withCgroupnsMode("private")
        .withInit(true);
    return host;
  }
}
