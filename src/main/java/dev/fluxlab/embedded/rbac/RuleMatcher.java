package dev.fluxlab.embedded.rbac;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.List;

/** Kubernetes' RBAC rule matching for resource requests ({@code nonResourceURLs} never match). */
final class RuleMatcher {
  private static final String ALL = "*";

  private RuleMatcher() {}

  static boolean allows(
      PolicyRule rule, String verb, String apiGroup, String resource, String name) {
    return contains(rule.getVerbs(), verb)
        && contains(rule.getApiGroups(), apiGroup)
        && contains(rule.getResources(), resource)
        && namesAllow(rule.getResourceNames(), name);
  }

  private static boolean contains(List<String> values, String wanted) {
    return values != null && (values.contains(ALL) || values.contains(wanted));
  }

  /** An empty list means every name; otherwise the name must be listed (no wildcards). */
  private static boolean namesAllow(List<String> names, String name) {
    return names == null || names.isEmpty() || names.contains(name);
  }
}
