package dev.fluxlab.docker;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * What a new cluster must have before anything is applied to it: a Ready node and the default
 * ServiceAccount (created asynchronously by the controller-manager; pods and impersonation need
 * it).
 */
final class ClusterReadiness {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private ClusterReadiness() {}

  static void await(KubernetesClient client) {
    Awaitility.await("a Ready node and the default ServiceAccount")
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> hasReadyNode(client) && hasDefaultServiceAccount(client));
  }

  private static boolean hasReadyNode(KubernetesClient client) {
    return client.nodes().list().getItems().stream().anyMatch(ClusterReadiness::isReady);
  }

  private static boolean isReady(Node node) {
    return node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static boolean hasDefaultServiceAccount(KubernetesClient client) {
    return client.serviceAccounts().inNamespace("default").withName("default").get() != null;
  }
}
