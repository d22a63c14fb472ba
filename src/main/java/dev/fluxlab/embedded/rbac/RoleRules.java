package dev.fluxlab.embedded.rbac;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the rules a binding's {@code roleRef} grants, live from the cluster. A missing role grants
 * nothing, as in Kubernetes. Aggregated ClusterRoles get the rules of the ClusterRoles their
 * selectors match, since no controller here fills them in.
 */
final class RoleRules {
  private final KubernetesClient client;

  RoleRules(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param bindingNamespace where a RoleBinding's Role lives; null for ClusterRoleBindings
   */
  List<PolicyRule> of(RoleRef ref, String bindingNamespace) {
    if (ref == null || ref.getName() == null) {
      return List.of();
    }
    if ("Role".equals(ref.getKind()) && bindingNamespace != null) {
      Role role = client.rbac().roles().inNamespace(bindingNamespace).withName(ref.getName()).get();
      return role == null ? List.of() : nonNull(role.getRules());
    }
    if ("ClusterRole".equals(ref.getKind())) {
      ClusterRole role = client.rbac().clusterRoles().withName(ref.getName()).get();
      return role == null ? List.of() : clusterRoleRules(role);
    }
    return List.of();
  }

  private List<PolicyRule> clusterRoleRules(ClusterRole role) {
    List<PolicyRule> rules = new ArrayList<>(nonNull(role.getRules()));
    AggregationRule aggregation = role.getAggregationRule();
    if (aggregation == null || aggregation.getClusterRoleSelectors() == null) {
      return rules;
    }
    for (ClusterRole other : client.rbac().clusterRoles().list().getItems()) {
      Map<String, String> labels = other.getMetadata().getLabels();
      if (other.getMetadata().getName().equals(role.getMetadata().getName()) || labels == null) {
        continue;
      }
      for (LabelSelector selector : aggregation.getClusterRoleSelectors()) {
        Map<String, String> wanted = selector.getMatchLabels();
        if (wanted != null
            && !wanted.isEmpty()
            && labels.entrySet().containsAll(wanted.entrySet())) {
          rules.addAll(nonNull(other.getRules()));
          break;
        }
      }
    }
    return rules;
  }

  private static List<PolicyRule> nonNull(List<PolicyRule> rules) {
    return rules == null ? List.of() : rules;
  }
}
