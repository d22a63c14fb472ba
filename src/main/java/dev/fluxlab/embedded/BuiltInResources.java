package dev.fluxlab.embedded;

import java.util.List;
import java.util.Set;

/**
 * The built-in Kubernetes resource types the embedded API server announces in discovery: the ones
 * GitOps repositories commonly contain. Anything else arrives as a CustomResourceDefinition.
 */
final class BuiltInResources {
  private BuiltInResources() {}

  /** Kinds that {@code kubectl get all} lists, as on a real API server. */
  private static final Set<String> CATEGORY_ALL =
      Set.of(
          "Pod",
          "Service",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "Job",
          "CronJob",
          "HorizontalPodAutoscaler");

  static List<ApiResource> all() {
    return kinds().stream().map(BuiltInResources::withCategories).toList();
  }

  private static ApiResource withCategories(ApiResource r) {
    if (!CATEGORY_ALL.contains(r.kind())) {
      return r;
    }
    return new ApiResource(
        r.group(),
        r.version(),
        r.kind(),
        r.plural(),
        r.namespaced(),
        r.shortNames(),
        List.of("all"));
  }

  private static List<ApiResource> kinds() {
    return List.of(
        core("Namespace", "namespaces", false, "ns"),
        core("ConfigMap", "configmaps", true, "cm"),
        core("Secret", "secrets", true),
        core("Service", "services", true, "svc"),
        core("ServiceAccount", "serviceaccounts", true, "sa"),
        core("Event", "events", true, "ev"),
        core("Pod", "pods", true, "po"),
        core("Endpoints", "endpoints", true, "ep"),
        core("PersistentVolumeClaim", "persistentvolumeclaims", true, "pvc"),
        core("PersistentVolume", "persistentvolumes", false, "pv"),
        core("Node", "nodes", false, "no"),
        core("LimitRange", "limitranges", true, "limits"),
        core("ResourceQuota", "resourcequotas", true, "quota"),
        of("apps", "v1", "Deployment", "deployments", true, "deploy"),
        of("apps", "v1", "StatefulSet", "statefulsets", true, "sts"),
        of("apps", "v1", "DaemonSet", "daemonsets", true, "ds"),
        of("apps", "v1", "ReplicaSet", "replicasets", true, "rs"),
        of("batch", "v1", "Job", "jobs", true),
        of("batch", "v1", "CronJob", "cronjobs", true, "cj"),
        of("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, "hpa"),
        of("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, "pdb"),
        of("networking.k8s.io", "v1", "Ingress", "ingresses", true, "ing"),
        of("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, "netpol"),
        of("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        of("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        of("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        of("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        of("coordination.k8s.io", "v1", "Lease", "leases", true),
        of("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true),
        of("storage.k8s.io", "v1", "StorageClass", "storageclasses", false, "sc"),
        of("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, "pc"),
        of(
            "apiextensions.k8s.io",
            "v1",
            "CustomResourceDefinition",
            "customresourcedefinitions",
            false,
            "crd",
            "crds"));
  }

  private static ApiResource core(
      String kind, String plural, boolean namespaced, String... short_) {
    return of("", "v1", kind, plural, namespaced, short_);
  }

  private static ApiResource of(
      String group,
      String version,
      String kind,
      String plural,
      boolean namespaced,
      String... shortNames) {
    return new ApiResource(
        group, version, kind, plural, namespaced, List.of(shortNames), List.of());
  }
}
