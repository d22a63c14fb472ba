package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@code logs} step prints for pods in each state, with the logs a fake reader gives: where
 * containers run (kube-node, k3s) the log under a pod/container heading, elsewhere a line per pod
 * saying why there is none. The embedded backend's case runs for real in ScenarioRunnerTest.
 */
class PodLogsTest {
  private final List<String> asked = new ArrayList<>();

  private final PodLogs logs =
      new PodLogs(
          cluster -> true,
          (cluster, pod, container, tail) -> {
            asked.add(pod.getMetadata().getName() + "/" + container + " tail " + tail);
            return switch (container) {
              case "app" -> "started\nserving on :9898\n";
              case "sidecar" -> "";
              default -> throw new IllegalStateException("the kubelet did not answer");
            };
          });

  @Test
  void eachContainerOfARunningPodIsHeadedByPodAndContainer() {
    Pod pod = pod("web-1", "node-1", running("app"), running("sidecar"));

    String out = logs.render("staging", List.of(pod), null, 5);

    assertThat(out)
        .isEqualTo(
            """
            --- pod apps/web-1, container app, on staging (last 5 lines):
                started
                serving on :9898
            --- pod apps/web-1, container sidecar, on staging (last 5 lines):
                (empty)
            """);
    assertThat(asked).containsExactly("web-1/app tail 5", "web-1/sidecar tail 5");
  }

  @Test
  void aNamedContainerIsTheOnlyOneReadAndAMissingOneIsSaid() {
    Pod pod = pod("web-1", "node-1", running("app"), running("sidecar"));

    assertThat(logs.render("staging", List.of(pod), "app", null))
        .isEqualTo(
            "--- pod apps/web-1, container app, on staging:\n    started\n    serving on :9898\n");
    assertThat(logs.render("staging", List.of(pod), "db", null))
        .isEqualTo("--- pod apps/web-1 on staging: no container 'db' (it has app, sidecar)\n");
    assertThat(asked).containsExactly("web-1/app tail null");
  }

  @Test
  void aContainerThatHasNotStartedSaysWhyAndIsNotRead() {
    ContainerStatus waiting =
        new ContainerStatusBuilder()
            .withName("app")
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image")
            .endWaiting()
            .endState()
            .build();

    String out = logs.render("staging", List.of(pod("web-1", "node-1", waiting)), null, null);

    assertThat(out)
        .isEqualTo(
            "--- pod apps/web-1, container app, on staging: no logs: phase Pending on node"
                + " node-1, the container is waiting (ImagePullBackOff: Back-off pulling image)\n");
    assertThat(asked).isEmpty();
  }

  @Test
  void anUnscheduledPodSaysWhatTheSchedulerSaidOrThatNoNodeRunsPods() {
    Pod pending =
        new PodBuilder(pod("web-1", null))
            .editStatus()
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withMessage("0/1 nodes are available: 1 Insufficient cpu.")
            .endCondition()
            .endStatus()
            .build();
    PodLogs noNodes = new PodLogs(cluster -> false, (c, p, ct, t) -> "never read");

    assertThat(logs.render("staging", List.of(pending), null, null))
        .isEqualTo(
            "--- pod apps/web-1 on staging: no logs: phase Pending, not scheduled to any node"
                + " (0/1 nodes are available: 1 Insufficient cpu.)\n");
    assertThat(noNodes.render("staging", List.of(pod("web-1", null)), null, null))
        .isEqualTo(
            "--- pod apps/web-1 on staging: no logs: phase Pending, not scheduled to any node (no"
                + " node of cluster staging runs pods: the embedded backend and"
                + " cluster.provider=kube-local run no containers)\n");
  }

  @Test
  void aLogThatCannotBeReadIsSaidAndTheOtherPodsStillPrint() {
    Pod broken = pod("web-1", "node-1", running("proxy"));
    Pod fine = pod("web-2", "node-1", running("app"));

    String out = logs.render("staging", List.of(broken, fine), null, null);

    assertThat(out)
        .isEqualTo(
            """
            --- pod apps/web-1, container proxy, on staging:
                cannot read it: the kubelet did not answer
            --- pod apps/web-2, container app, on staging:
                started
                serving on :9898
            """);
  }

  private static ContainerStatus running(String name) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewRunning()
        .endRunning()
        .endState()
        .build();
  }

  /** A pod whose containers are named by their statuses; Running when any runs, else Pending. */
  private static Pod pod(String name, String node, ContainerStatus... statuses) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("apps")
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .endSpec()
            .withNewStatus()
            .withPhase(
                List.of(statuses).stream().anyMatch(s -> s.getState().getRunning() != null)
                    ? "Running"
                    : "Pending")
            .withContainerStatuses(statuses)
            .endStatus();
    if (statuses.length == 0) {
      pod.editSpec().addNewContainer().withName("app").endContainer().endSpec();
    }
    for (ContainerStatus s : statuses) {
      pod.editSpec().addNewContainer().withName(s.getName()).endContainer().endSpec();
    }
    return pod.build();
  }
}
