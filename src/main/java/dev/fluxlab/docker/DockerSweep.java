package dev.fluxlab.docker;

import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.fluxlab.util.BoundedParallel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Removes every container, network and volume carrying an environment's label. Needs nothing but
 * the engine: works after {@code kill -9}, with Ryuk disabled, and a second run finds nothing.
 */
public final class DockerSweep {
  /** Removals in flight: an environment has a few containers per cluster. */
  private static final int IN_FLIGHT = 8;

  /** How long a network's endpoints may take to be released after its containers are removed. */
  private static final Duration ENDPOINT_RELEASE = Duration.ofSeconds(30);

  private DockerSweep() {}

  /** Removes what belongs to {@code env}; returns one line per removed item. */
  public static List<String> remove(DockerClient docker, String env) {
    String selector = DockerLabels.ENV + "=" + env;
    List<Network> networks = docker.listNetworksCmd().withFilter("label", List.of(selector)).exec();
    // One endpoint after the other before the containers go several at once: after ten
    // containers on one network were removed concurrently, Debian 12's engine (20.10) kept that
    // network's endpoint count at ten with nothing attached, and such a network stays "in use"
    // until dockerd restarts (moby/moby#42119).
    for (Network n : networks) {
      try {
        disconnectAll(docker, n.getId());
      } catch (NotFoundException gone) {
        // removed meanwhile, e.g. by a concurrent teardown
      }
    }
    // Several at once: the engine kills and unmounts each container for seconds (a kube-node's
    // containerd holds many mounts); one after the other, the owner of a kube-node environment
    // was seen not to stop within teardown's grace and was killed.
    List<String> removed =
        new ArrayList<>(
            BoundedParallel.map(containers(docker, env), IN_FLIGHT, c -> removeContainer(docker, c))
                .stream()
                .filter(Objects::nonNull)
                .toList());
    for (Network n : networks) {
      if (removeNetwork(docker, n)) {
        removed.add("network " + n.getName());
      }
    }
    var volumes = docker.listVolumesCmd().withFilter("label", List.of(selector)).exec();
    if (volumes.getVolumes() != null) {
      for (var v : volumes.getVolumes()) {
        try {
          docker.removeVolumeCmd(v.getName()).exec();
          removed.add("volume " + v.getName());
        } catch (NotFoundException gone) {
          // as above
        }
      }
    }
    return removed;
  }

  /**
   * Removes a network, first disconnecting whatever is still attached. The engine releases a
   * removed container's endpoint asynchronously, so right after the containers are gone the network
   * can still report "active endpoints" (seen once in CI, failing a scenario's teardown); the
   * network is ours by its label, so anything attached to it is disconnected, and the removal is
   * retried for a bounded time.
   *
   * @return false when the network was gone already
   */
  private static boolean removeNetwork(DockerClient docker, Network n) {
    try {
      await()
          .atMost(ENDPOINT_RELEASE)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(200))
          .ignoreException(ConflictOrForbidden.class)
          .until(
              () -> {
                disconnectAll(docker, n.getId());
                try {
                  docker.removeNetworkCmd(n.getId()).exec();
                } catch (ConflictException | InternalServerErrorException e) {
                  throw new ConflictOrForbidden(e);
                } catch (DockerException e) {
                  if (e.getHttpStatus() == 403) {
                    throw new ConflictOrForbidden(e); // "has active endpoints"
                  }
                  throw e;
                }
                return true;
              });
      return true;
    } catch (NotFoundException gone) {
      return false; // as for containers
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "network "
              + n.getName()
              + " still has endpoints after "
              + ENDPOINT_RELEASE.toSeconds()
              + " s"
              + (e.getCause() == null ? "" : ": " + e.getCause().getMessage())
              + " (when nothing is attached, the engine's endpoint count is stale, moby/moby#42119:"
              + " restart dockerd and run teardown again)");
    }
  }

  private static void disconnectAll(DockerClient docker, String networkId) {
    var attached = docker.inspectNetworkCmd().withNetworkId(networkId).exec().getContainers();
    if (attached == null) {
      return;
    }
    for (String containerId : attached.keySet()) {
      try {
        docker
            .disconnectFromNetworkCmd()
            .withNetworkId(networkId)
            .withContainerId(containerId)
            .withForce(true)
            .exec();
      } catch (NotFoundException gone) {
        // released meanwhile
      }
    }
  }

  /** A removal the engine refused for now; retried. */
  private static final class ConflictOrForbidden extends RuntimeException {
    ConflictOrForbidden(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** Returns the line for a removed container, or null when it was gone already. */
  private static String removeContainer(DockerClient docker, Container c) {
    try {
      docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
      return "container " + displayName(c);
    } catch (NotFoundException gone) {
      return null; // removed meanwhile, e.g. by a concurrent teardown: the outcome is the same
    }
  }

  /** Whether anything of {@code env} exists in the engine. */
  public static boolean exists(DockerClient docker, String env) {
    return !containers(docker, env).isEmpty()
        || !docker
            .listNetworksCmd()
            .withFilter("label", List.of(DockerLabels.ENV + "=" + env))
            .exec()
            .isEmpty();
  }

  /** The containers of {@code env}, running or not. */
  public static List<Container> containers(DockerClient docker, String env) {
    return docker
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(List.of(DockerLabels.ENV + "=" + env))
        .exec();
  }

  /** A container's name as {@code docker ps} shows it. */
  public static String displayName(Container c) {
    String[] names = c.getNames();
    return names != null && names.length > 0 ? names[0].replaceFirst("^/", "") : c.getId();
  }
}
