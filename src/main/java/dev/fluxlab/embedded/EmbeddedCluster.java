package dev.fluxlab.embedded;

import dev.fluxlab.embedded.kube.EtcdTemplate;
import dev.fluxlab.embedded.kube.KubeBinaries;
import dev.fluxlab.embedded.kube.KubeControlPlane;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * One embedded cluster: a real control plane ({@link KubeControlPlane}: etcd, kube-apiserver,
 * kube-controller-manager as local processes), an administrator's client for fluxlab's controllers,
 * and {@link WorkloadStatusSimulator} standing in for the nodes it does not have.
 */
public final class EmbeddedCluster implements AutoCloseable {
  private final String name;
  private final KubeControlPlane plane;
  private final KubernetesClient client;
  private final ApiCatalog catalog;
  private final List<AutoCloseable> closeWith = new CopyOnWriteArrayList<>();
  private WorkloadStatusSimulator workloads;

  private EmbeddedCluster(String name, KubeControlPlane plane) {
    this.name = name;
    this.plane = plane;
    this.client = plane.adminClient();
    this.catalog = new ApiCatalog(client);
  }

  /**
   * Starts a cluster whose state (certificates, etcd data, logs, kubeconfig) lives in {@code dir}.
   *
   * @throws dev.fluxlab.api.FluxLabException when the Kubernetes binaries are missing or a process
   *     does not start
   */
  public static EmbeddedCluster start(String name, Path dir) {
    return start(name, dir, cluster -> {});
  }

  /**
   * Starts a cluster, runs {@code asAdmin} on it as soon as its API server serves the
   * administrator, and returns it once the API server is ready for everyone. The API server spends
   * its last second or so creating its built-in roles; work that needs none of them (registering
   * CRDs, creating namespaces as the administrator) is done meanwhile. Closes the cluster when
   * {@code asAdmin} fails.
   */
  public static EmbeddedCluster start(String name, Path dir, Consumer<EmbeddedCluster> asAdmin) {
    return start(name, dir, null, asAdmin);
  }

  /**
   * As {@link #start(String, Path, Consumer)}, with etcd starting from a copy of {@code template}'s
   * data (null: from nothing; see {@link KubeControlPlane#start(String, KubeBinaries, Path,
   * EtcdTemplate)} for what happens when it cannot be used).
   */
  public static EmbeddedCluster start(
      String name, Path dir, EtcdTemplate template, Consumer<EmbeddedCluster> asAdmin) {
    KubeControlPlane plane = KubeControlPlane.start(name, KubeBinaries.locate(), dir, template);
    EmbeddedCluster cluster = new EmbeddedCluster(name, plane);
    try {
      cluster.workloads = new WorkloadStatusSimulator(cluster.client).start();
      asAdmin.accept(cluster);
      cluster.workloads.awaitSynced();
      plane.awaitReady();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  public String name() {
    return name;
  }

  /** The etcd template this cluster started from; empty when it started from nothing. */
  public Optional<EtcdTemplate> template() {
    return plane.template();
  }

  /** The API server URL, {@code https://127.0.0.1:<port>}. */
  public String apiUrl() {
    return plane.url();
  }

  /** An administrator's kubeconfig (client certificate, mode 0600). */
  public Path kubeconfig() {
    return plane.adminKubeconfig();
  }

  /** The administrator's client: what fluxlab's controllers act with. */
  public KubernetesClient client() {
    return client;
  }

  public ApiCatalog catalog() {
    return catalog;
  }

  /** Closes {@code resource} (e.g. clients made from this cluster's) when the cluster closes. */
  public void closeWith(AutoCloseable resource) {
    closeWith.add(resource);
  }

  @Override
  public void close() {
    for (AutoCloseable c : closeWith) {
      try {
        c.close();
      } catch (Exception e) {
        // closing a client of a cluster that is going away: nothing to report
      }
    }
    closeWith.clear();
    try {
      if (workloads != null) {
        workloads.close();
      }
      client.close();
    } finally {
      workloads = null;
      plane.close();
    }
  }
}
