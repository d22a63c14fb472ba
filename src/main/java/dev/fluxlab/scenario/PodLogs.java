package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.ops.ServiceProbe;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Reads pods' logs through the API server, for the {@code logs} collector and the default
 * collectors. A container that never ran has no log to read: rather than print nothing (or fail a
 * {@code catch} step on a backend that runs no containers), each such pod or container gets one
 * line saying why.
 */
final class PodLogs {
  /** Reads one container's log (the last {@code tail} lines, or all of it when null). */
  interface Reader {
    String read(String cluster, Pod pod, String container, Integer tail);
  }

  private final Predicate<String> podsRun;
  private final Reader reader;

  /**
   * @param podsRun whether any node of a cluster runs pods (asked only for an unscheduled pod)
   */
  PodLogs(Predicate<String> podsRun, Reader reader) {
    this.podsRun = podsRun;
    this.reader = reader;
  }

  /** Logs as the environment's API servers give them. */
  static PodLogs of(Environment env) {
    return new PodLogs(
        cluster -> ServiceProbe.podsRun(env.client(cluster)),
        (cluster, pod, container, tail) -> {
          var resource =
              env.client(cluster)
                  .pods()
                  .inNamespace(pod.getMetadata().getNamespace())
                  .withName(pod.getMetadata().getName())
                  .inContainer(container);
          return tail != null ? resource.tailingLines(tail).getLog() : resource.getLog();
        });
  }

  /** The pods of a namespace: one by name, those a label selector finds, or all (both null). */
  static List<Pod> select(KubernetesClient client, String namespace, String name, String selector) {
    var pods = client.pods().inNamespace(namespace);
    if (name != null) {
      Pod pod = pods.withName(name).get();
      return pod == null ? List.of() : List.of(pod);
    }
    List<Pod> found =
        new ArrayList<>(
            (selector != null ? pods.withLabelSelector(selector) : pods).list().getItems());
    found.sort(Comparator.comparing(p -> p.getMetadata().getName()));
    return found;
  }

  /**
   * Each pod's log per container (only {@code container} when given; the last {@code tail} lines
   * when given), headed by pod and container, or a line saying why it has none.
   */
  String render(String cluster, List<Pod> pods, String container, Integer tail) {
    StringBuilder out = new StringBuilder();
    Boolean nodesRunPods = null;
    for (Pod pod : pods) {
      String id = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
      List<String> containers = containers(pod);
      if (container != null && !containers.contains(container)) {
        out.append(String.format("--- pod %s on %s: no container '%s'", id, cluster, container))
            .append(" (it has ")
            .append(String.join(", ", containers))
            .append(")\n");
        continue;
      }
      if (nodeOf(pod) == null) {
        if (nodesRunPods == null) {
          nodesRunPods = podsRun.test(cluster);
        }
        out.append(
            String.format(
                "--- pod %s on %s: no logs: %s%n",
                id, cluster, unscheduled(pod, cluster, nodesRunPods)));
        continue;
      }
      for (String c : container != null ? List.of(container) : containers) {
        out.append(log(cluster, pod, id, c, tail));
      }
    }
    return out.toString();
  }

  private String log(String cluster, Pod pod, String id, String container, Integer tail) {
    String head = String.format("--- pod %s, container %s, on %s", id, container, cluster);
    ContainerStatus status = statusOf(pod, container);
    if (!started(status)) {
      return head + ": no logs: " + notStarted(pod, status) + "\n";
    }
    StringBuilder out = new StringBuilder(head);
    out.append(tail != null ? " (last " + tail + " lines):\n" : ":\n");
    try {
      String text = reader.read(cluster, pod, container, tail);
      if (text == null || text.isBlank()) {
        out.append("    (empty)\n");
      } else {
        text.lines().forEach(l -> out.append("    ").append(l).append('\n'));
      }
    } catch (RuntimeException e) {
      out.append("    cannot read it: ").append(e.getMessage()).append('\n');
    }
    return out.toString();
  }

  /** The containers, then the init containers: each has a log once it started. */
  private static List<String> containers(Pod pod) {
    return Stream.concat(pod.getSpec().getContainers().stream(), initContainers(pod))
        .map(Container::getName)
        .toList();
  }

  private static Stream<Container> initContainers(Pod pod) {
    return pod.getSpec().getInitContainers() == null
        ? Stream.empty()
        : pod.getSpec().getInitContainers().stream();
  }

  private static String nodeOf(Pod pod) {
    return pod.getSpec().getNodeName();
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null || pod.getStatus().getPhase() == null
        ? "unknown"
        : pod.getStatus().getPhase();
  }

  /**
   * Why a pod with no node has no logs: its phase, and that no node runs pods, or else what the
   * scheduler said.
   */
  private static String unscheduled(Pod pod, String cluster, boolean podsRun) {
    String why = "phase " + phase(pod) + ", not scheduled to any node";
    if (!podsRun) {
      return why
          + " (no node of cluster "
          + cluster
          + " runs pods: the embedded backend and cluster.provider=kube-local run no containers)";
    }
    return why
        + (pod.getStatus() == null || pod.getStatus().getConditions() == null
            ? ""
            : pod.getStatus().getConditions().stream()
                .filter(c -> "PodScheduled".equals(c.getType()) && c.getMessage() != null)
                .map(PodCondition::getMessage)
                .findFirst()
                .map(m -> " (" + m.replace('\n', ' ') + ")")
                .orElse(""));
  }

  private static ContainerStatus statusOf(Pod pod, String container) {
    if (pod.getStatus() == null) {
      return null;
    }
    return Stream.of(
            pod.getStatus().getContainerStatuses(), pod.getStatus().getInitContainerStatuses())
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .filter(s -> container.equals(s.getName()))
        .findFirst()
        .orElse(null);
  }

  /** Whether the container ran at some point, so the kubelet has a log of it. */
  private static boolean started(ContainerStatus s) {
    return s != null
        && ((s.getState() != null
                && (s.getState().getRunning() != null || s.getState().getTerminated() != null))
            || (s.getLastState() != null && s.getLastState().getTerminated() != null));
  }

  private static String notStarted(Pod pod, ContainerStatus s) {
    String base = "phase " + phase(pod) + " on node " + nodeOf(pod);
    if (s == null || s.getState() == null || s.getState().getWaiting() == null) {
      return base + ", the container has not started";
    }
    var waiting = s.getState().getWaiting();
    return base
        + ", the container is waiting ("
        + waiting.getReason()
        + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage().replace('\n', ' '))
        + ")";
  }
}
