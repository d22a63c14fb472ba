package dev.fluxlab.embedded;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * The default ClusterRoles every Kubernetes API server creates at start-up, which RBAC manifests
 * (and Flux's multi-tenancy guide) refer to: {@code cluster-admin} (everything), {@code admin} and
 * {@code edit} (everything in a namespace they are bound in), {@code view} (read-only). Simplified:
 * real {@code admin}/{@code edit} exclude a few resources; here they differ only in name.
 */
final class BuiltInRoles {
  private static final List<String> ALL = List.of("*");
  private static final List<String> READ = List.of("get", "list", "watch");

  private BuiltInRoles() {}

  static void create(KubernetesClient client) {
    for (ClusterRole role :
        List.of(
            role("cluster-admin", ALL),
            role("admin", ALL),
            role("edit", ALL),
            role("view", READ))) {
      client.rbac().clusterRoles().resource(role).createOr(r -> r.update());
    }
  }

  private static ClusterRole role(String name, List<String> verbs) {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("kubernetes.io/bootstrapping", "rbac-defaults")
        .endMetadata()
        .addNewRule()
        .withApiGroups("*")
        .withResources("*")
        .withVerbs(verbs)
        .endRule()
        .build();
  }
}
