package dev.fluxlab.embedded.rbac;

import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.List;

/**
 * The user the API server sees when a controller impersonates a service account: its user name and
 * the groups the service account token authenticator puts every service account in.
 */
record ServiceAccountUser(String namespace, String name) {

  String userName() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  List<String> groups() {
    return List.of(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }

  /**
   * Whether a binding's subject names this user, as Kubernetes' RBAC authorizer matches subjects.
   *
   * @param bindingNamespace the RoleBinding's namespace, the default of a ServiceAccount subject;
   *     null for ClusterRoleBindings, whose ServiceAccount subjects must name a namespace
   */
  boolean matches(Subject subject, String bindingNamespace) {
    if (subject == null || subject.getKind() == null) {
      return false;
    }
    return switch (subject.getKind()) {
      case "ServiceAccount" -> {
        String ns = subject.getNamespace();
        if (ns == null || ns.isEmpty()) {
          ns = bindingNamespace;
        }
        yield name.equals(subject.getName()) && namespace.equals(ns);
      }
      case "User" -> userName().equals(subject.getName());
      case "Group" -> groups().contains(subject.getName());
      default -> false;
    };
  }
}
