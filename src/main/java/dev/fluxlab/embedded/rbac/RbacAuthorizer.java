package dev.fluxlab.embedded.rbac;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.apply.Authorizer;
import dev.fluxlab.embedded.apply.ForbiddenException;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Kubernetes' RBAC authorizer for one impersonated service account, {@code
 * system:serviceaccount:<namespace>:<name>}: a request is allowed when a RoleBinding in the
 * object's namespace, or any ClusterRoleBinding, binds the account (by name, by user name, or by
 * one of its groups) to a role with a matching rule. Cluster-scoped objects are reachable only
 * through ClusterRoleBindings.
 *
 * <p>RBAC objects are read from the cluster on every check, so a changed binding takes effect at
 * the next reconciliation, as it does against a real API server. Privilege-escalation checks on
 * writing Roles and bindings are not modelled.
 */
public final class RbacAuthorizer implements Authorizer {
  private final KubernetesClient client;
  private final ServiceAccountUser user;
  private final RoleRules roles;

  /**
   * @param namespace the service account's namespace
   * @param serviceAccount the service account's name
   */
  public RbacAuthorizer(KubernetesClient client, String namespace, String serviceAccount) {
    this.client = client;
    this.user = new ServiceAccountUser(namespace, serviceAccount);
    this.roles = new RoleRules(client);
  }

  /** The user name requests are made as, {@code system:serviceaccount:<ns>:<name>}. */
  public String userName() {
    return user.userName();
  }

  @Override
  public void check(String verb, ApiResource type, String namespace, String name) {
    boolean namespaced = type.namespaced() && namespace != null;
    if ((namespaced && allowedByRoleBindings(verb, type, namespace, name))
        || allowedByClusterRoleBindings(verb, type, name)) {
      return;
    }
    throw new ForbiddenException(forbidden(verb, type, namespaced ? namespace : null, name));
  }

  private boolean allowedByRoleBindings(
      String verb, ApiResource type, String namespace, String name) {
    for (RoleBinding b : client.rbac().roleBindings().inNamespace(namespace).list().getItems()) {
      if (binds(b.getSubjects(), namespace)
          && grants(b.getRoleRef(), namespace, verb, type, name)) {
        return true;
      }
    }
    return false;
  }

  private boolean allowedByClusterRoleBindings(String verb, ApiResource type, String name) {
    for (ClusterRoleBinding b : client.rbac().clusterRoleBindings().list().getItems()) {
      if (binds(b.getSubjects(), null) && grants(b.getRoleRef(), null, verb, type, name)) {
        return true;
      }
    }
    return false;
  }

  private boolean binds(List<Subject> subjects, String bindingNamespace) {
    return subjects != null && subjects.stream().anyMatch(s -> user.matches(s, bindingNamespace));
  }

  private boolean grants(
      RoleRef ref, String bindingNamespace, String verb, ApiResource type, String name) {
    for (PolicyRule rule : roles.of(ref, bindingNamespace)) {
      if (RuleMatcher.allows(rule, verb, type.group(), type.plural(), name)) {
        return true;
      }
    }
    return false;
  }

  /** The API server's Forbidden status message (k8s.io/apiserver's forbiddenMessage). */
  private String forbidden(String verb, ApiResource type, String namespace, String name) {
    String qualified = type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
    return qualified
        + " \""
        + name
        + "\" is forbidden: User \""
        + user.userName()
        + "\" cannot "
        + verb
        + " resource \""
        + type.plural()
        + "\" in API group \""
        + type.group()
        + "\""
        + (namespace == null ? " at the cluster scope" : " in the namespace \"" + namespace + "\"");
  }
}
