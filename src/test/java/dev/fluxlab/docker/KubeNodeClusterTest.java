package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.PodinfoCharts;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cluster.provider=kube-node: a real node (kubelet + containerd) in one container without
 * --privileged, Flux's four controllers running on it as pods from the pinned install manifests,
 * and nothing labelled left after close. Tagged real-flux (needs the node image, minutes to run):
 * {@code scripts/e2e-pods}.
 */
@Tag("real-flux")
class KubeNodeClusterTest {
  @TempDir Path state;

  @Test
  void runsFluxControllersAsPodsOnARealNodeAndRemovesEverythingOnClose() {
    Settings settings = DockerImages.kubeNode(state, "knt-" + ProcessHandle.current().pid(), "one");
    List<String> progress = new ArrayList<>();
    Environment env = new DockerBackend(new PodinfoCharts(), progress::add).start(settings);
    try {
      KubernetesClient client = env.client("one");
      List<Node> nodes = client.nodes().list().getItems();
      assertThat(nodes)
          .singleElement()
          .satisfies(
              n -> {
                assertThat(n.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.37.2");
                assertThat(n.getStatus().getNodeInfo().getContainerRuntimeVersion())
                    .startsWith("containerd://");
              });
      List<Pod> pods = client.pods().inNamespace(FluxInstall.NAMESPACE).list().getItems();
      assertThat(pods)
          .filteredOn(KubeNodeClusterTest::runningAndReady)
          .extracting(p -> p.getMetadata().getLabels().get("app"))
          .as(String.join("\n", progress))
          .containsExactlyInAnyOrder(
              "source-controller",
              "kustomize-controller",
              "helm-controller",
              "notification-controller");
    } finally {
      env.close();
    }
    assertThat(DockerImages.containers(settings.envName())).isEmpty();
  }

  private static boolean runningAndReady(Pod p) {
    return "Running".equals(p.getStatus().getPhase())
        && p.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
