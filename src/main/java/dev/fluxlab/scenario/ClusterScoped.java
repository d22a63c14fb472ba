package dev.fluxlab.scenario;

import java.util.Set;

/** Built-in kinds that have no namespace (for manifests that do not say). */
final class ClusterScoped {
  static final Set<String> KINDS =
      Set.of(
          "Namespace",
          "Node",
          "PersistentVolume",
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "StorageClass",
          "PriorityClass",
          "MutatingWebhookConfiguration",
          "ValidatingWebhookConfiguration",
          "APIService");

  private ClusterScoped() {}
}
