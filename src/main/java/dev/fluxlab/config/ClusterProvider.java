package dev.fluxlab.config;

/** Where the docker backend gets its clusters from. */
public enum ClusterProvider {
  /** One k3s container per cluster, with Flux installed from its release manifests. */
  K3S("k3s"),
  /**
   * One container per cluster running kube-apiserver, controller-manager and scheduler with kwok's
   * simulated nodes (images built here from the Go modules); the Flux controllers run in containers
   * of their own against the cluster's API.
   */
  KUBE_LOCAL("kube-local"),
  /**
   * One container per cluster running a real node (containerd, kubelet, kube-proxy, CoreDNS) with
   * its own control plane (image built here); Flux installed in the cluster from its manifests, its
   * controllers running as pods.
   */
  KUBE_NODE("kube-node"),
  /**
   * An existing cluster (kind, minikube, a shared CI cluster) from a kubeconfig and context; Flux
   * is installed there unless it already is, and fluxlab removes only what it created.
   */
  KUBECONFIG("kubeconfig");

  private final String id;

  ClusterProvider(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
