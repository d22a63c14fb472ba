package dev.fluxlab.docker;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * Flux installed in a cluster whose nodes run pods (k3s, kube-node): the whole install from the
 * pinned manifests (namespace, CRDs Established, then the rest, with the multi-tenancy lockdown and
 * the lab's dependency requeue patched in), Gitea and the registry exposed as the {@code gitea} and
 * {@code fluxlab-registry} Services in {@code flux-system}, and a wait until every controller
 * Deployment is Available.
 */
final class InClusterFlux {
  private static final long FLUX_READY_SECONDS = 300;

  private InClusterFlux() {}

  static void install(KubernetesClient client, String cluster, ClusterProvisioner.Context context) {
    // A lab cluster, as on kube-local: dependents are retried after 5 s, not Flux's 30 s.
    FluxInstall install = context.fluxInstall(client, cluster).withLabDependencyRequeue();
    if (context.lockedDown()) {
      install.lockedDown(context.defaultServiceAccount());
    }
    install.apply(client, o -> true);
    context.exposeContainers(
        client, context.gitea().networkAddress(), context.registry().networkAddress(), Map.of());
    context.progress().accept("waiting for Flux's controllers on " + cluster);
    install.awaitControllers(client, FLUX_READY_SECONDS);
  }
}
