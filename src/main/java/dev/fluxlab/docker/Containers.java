package dev.fluxlab.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.InvalidInputException;
import java.util.List;
import org.testcontainers.containers.GenericContainer;

/**
 * Starting a container with a failure the user can read in one line, and finding it on networks.
 */
final class Containers {
  private static final int LOG_LINES = 4;

  private Containers() {}

  /**
   * Starts {@code container}; when it fails, the error names {@code what} and ends with the last
   * lines the container logged (which usually say why).
   */
  static void start(GenericContainer<?> container, String what) {
    try {
      container.start();
    } catch (RuntimeException e) {
      String logs = lastLines(container);
      throw new FluxLabException(
          "starting "
              + what
              + " failed: "
              + (logs.isEmpty() ? rootMessage(e) : "its last log lines: " + logs),
          e);
    }
  }

  /** The container's IP address on the environment's network. */
  static String networkAddress(GenericContainer<?> container, String what) {
    return container.getContainerInfo().getNetworkSettings().getNetworks().values().stream()
        .map(n -> n.getIpAddress())
        .filter(ip -> ip != null && !ip.isEmpty())
        .findFirst()
        .orElseThrow(() -> new FluxLabException(what + " container has no network address"));
  }

  /**
   * Attaches the container to another Docker network (an existing cluster's, e.g. kind's) under
   * {@code alias}; returns its address there.
   */
  static String attach(GenericContainer<?> container, String network, String alias, String what) {
    var docker = DockerEngine.client();
    try {
      docker
          .connectToNetworkCmd()
          .withNetworkId(network)
          .withContainerId(container.getContainerId())
          .withContainerNetwork(new ContainerNetwork().withAliases(alias))
          .exec();
    } catch (NotFoundException e) {
      throw new InvalidInputException(
          "setting 'cluster.network': no Docker network '" + network + "'");
    }
    ContainerNetwork attached =
        docker
            .inspectContainerCmd(container.getContainerId())
            .exec()
            .getNetworkSettings()
            .getNetworks()
            .get(network);
    if (attached == null || attached.getIpAddress() == null) {
      throw new FluxLabException(what + " got no address on Docker network '" + network + "'");
    }
    return attached.getIpAddress();
  }

  private static String lastLines(GenericContainer<?> container) {
    try {
      List<String> lines = container.getLogs().strip().lines().toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    } catch (RuntimeException gone) {
      return ""; // the container is gone: only the exception is left to tell
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
