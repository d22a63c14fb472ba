package dev.fluxlab.ops;

/**
 * The platform-side manifests that onboard one tenant, as {@code flux create tenant --export} plus
 * Flux's multi-tenancy guide write them: the tenant's namespace, service account and RoleBinding
 * ({@code rbac.yaml}), and its git credentials, settings, GitRepository and Kustomization ({@code
 * sync.yaml}). Credentials and URLs are {@code ${fluxlab_*}} variables, substituted from {@code
 * flux-system} by the platform's {@code tenants} Kustomization, so no secret enters git; the
 * credentials are the tenant's own git identity ({@link FluxBootstrap#gitVariable}), which can push
 * to the tenant's repository only.
 */
final class TenantManifests {
  private TenantManifests() {}

  static String kustomization() {
    return """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - rbac.yaml
          - sync.yaml
        """;
  }

  static String rbac(String tenant, String namespace) {
    return """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: %2$s
          labels:
            toolkit.fluxcd.io/tenant: %1$s
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: %1$s
          namespace: %2$s
          labels:
            toolkit.fluxcd.io/tenant: %1$s
        ---
        # Full rights inside the tenant's namespace, none outside it.
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: %1$s-reconciler
          namespace: %2$s
          labels:
            toolkit.fluxcd.io/tenant: %1$s
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: admin
        subjects:
          - kind: ServiceAccount
            name: %1$s
            namespace: %2$s
        """
        .formatted(tenant, namespace);
  }

  static String sync(String tenant, String namespace) {
    return """
        apiVersion: v1
        kind: Secret
        metadata:
          name: %1$s-git
          namespace: %2$s
        type: Opaque
        stringData:
          username: ${%3$s}
          password: ${%4$s}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: fluxlab-settings
          namespace: %2$s
        data:
          fluxlab_chart_url: ${fluxlab_chart_url}
          fluxlab_cluster: ${fluxlab_cluster}
        ---
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          interval: 1m
          url: ${fluxlab_git_url}/%1$s.git
          ref:
            branch: main
          secretRef:
            name: %1$s-git
        ---
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          interval: 1m
          retryInterval: 10s
          timeout: 2m
          serviceAccountName: %1$s
          sourceRef:
            kind: GitRepository
            name: %1$s
          path: ./staging
          prune: true
          wait: true
          postBuild:
            substituteFrom:
              - kind: ConfigMap
                name: fluxlab-settings
        """
        .formatted(
            tenant,
            namespace,
            FluxBootstrap.gitVariable(tenant, "username"),
            FluxBootstrap.gitVariable(tenant, "password"));
  }
}
