package dev.fluxlab.embedded.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The ClusterRoles the API server creates at start that tenant setups bind to. Only {@code
 * cluster-admin}: {@code flux create tenant} binds each tenant's service account to it with a
 * RoleBinding in the tenant's namespace. ({@code admin}, {@code edit} and {@code view} are
 * aggregated from dozens of built-in roles and are left out.)
 */
public final class BootstrapRoles {
  private BootstrapRoles() {}

  public static void install(KubernetesClient client) {
    client
        .rbac()
        .clusterRoles()
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName("cluster-admin")
                .addToLabels("kubernetes.io/bootstrapping", "rbac-defaults")
                .addToAnnotations("rbac.authorization.kubernetes.io/autoupdate", "true")
                .endMetadata()
                .addNewRule()
                .withApiGroups("*")
                .withResources("*")
                .withVerbs("*")
                .endRule()
                .addNewRule()
                .withNonResourceURLs("*")
                .withVerbs("*")
                .endRule()
                .build())
        .createOr(c -> c.update());
  }
}
