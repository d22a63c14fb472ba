package dev.fluxlab.embedded.rbac;

import dev.fluxlab.embedded.apply.Authorizer;
import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.function.Function;

/**
 * Who a Kustomization or HelmRelease applies as, following kustomize-controller and
 * helm-controller: its {@code spec.serviceAccountName}, else the controller's default service
 * account, impersonated in the object's own namespace; with neither, the controller's own
 * (cluster-admin) identity.
 */
public final class Impersonation {
  private Impersonation() {}

  /**
   * @param defaultServiceAccount {@code --default-service-account}, or null
   */
  public static Function<GenericKubernetesResource, Authorizer> authorizers(
      KubernetesClient client, String defaultServiceAccount) {
    return obj -> {
      String sa = Maps.string(Maps.spec(obj), "serviceAccountName");
      if (sa == null || sa.isEmpty()) {
        sa = defaultServiceAccount;
      }
      if (sa == null || sa.isEmpty()) {
        return Authorizer.ALLOW_ALL;
      }
      return new RbacAuthorizer(client, obj.getMetadata().getNamespace(), sa);
    };
  }
}
