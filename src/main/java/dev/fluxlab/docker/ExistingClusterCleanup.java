package dev.fluxlab.docker;

import dev.fluxlab.api.FluxKind;
import dev.fluxlab.util.SecureFiles;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Removes from existing clusters exactly what an environment created there: every object carrying
 * its label. The Flux objects go first and are given time to be finalized, so that Flux itself
 * deletes what it applied from git; then fluxlab's Secrets, ConfigMaps and the Gitea Service; then
 * the Flux install, if fluxlab installed it. Anything else in the cluster is left alone.
 */
public final class ExistingClusterCleanup {
  private static final String SUFFIX = ".existing-cluster.kubeconfig";
  private static final Duration FINALIZE = Duration.ofSeconds(60);
  private static final List<Class<? extends HasMetadata>> NAMESPACED =
      List.of(
          Secret.class,
          ConfigMap.class,
          EndpointSlice.class,
          Service.class,
          Deployment.class,
          ServiceAccount.class,
          NetworkPolicy.class,
          ResourceQuota.class);
  private static final List<Class<? extends HasMetadata>> CLUSTER_WIDE =
      List.of(
          ClusterRoleBinding.class,
          ClusterRole.class,
          CustomResourceDefinition.class,
          Namespace.class);

  private ExistingClusterCleanup() {}

  /** Keeps the kubeconfig of an existing cluster in the environment's directory (0600). */
  static void record(Path envDir, String cluster, String kubeconfig) {
    SecureFiles.writeOwnerOnly(envDir.resolve(cluster + SUFFIX), kubeconfig);
  }

  /** Cleans every existing cluster recorded in {@code envDir}; one line per removed kind. */
  public static List<String> run(Path envDir, String env) {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(envDir)) {
      return removed;
    }
    List<Path> records;
    try (Stream<Path> files = Files.list(envDir)) {
      records = files.filter(f -> f.toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path record : records) {
      String cluster = record.getFileName().toString().replace(SUFFIX, "");
      try (KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(record)))
              .build()) {
        clean(client, env, cluster, removed);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (KubernetesClientException e) {
        removed.add(
            "cluster " + cluster + ": not reachable, nothing removed (" + e.getMessage() + ")");
      }
    }
    return removed;
  }

  private static void clean(
      KubernetesClient client, String env, String cluster, List<String> removed) {
    String where = " in existing cluster " + cluster;
    for (FluxKind kind : List.of(FluxKind.KUSTOMIZATION, FluxKind.GIT_REPOSITORY)) {
      int n = deleteFluxObjects(client, kind, env);
      if (n > 0) {
        removed.add(n + " " + kind.kind() + where);
      }
    }
    for (Class<? extends HasMetadata> type : NAMESPACED) {
      int n =
          client.resources(type).inAnyNamespace().withLabel(DockerLabels.ENV, env).delete().size();
      if (n > 0) {
        removed.add(n + " " + type.getSimpleName() + where);
      }
    }
    for (Class<? extends HasMetadata> type : CLUSTER_WIDE) {
      int n = client.resources(type).withLabel(DockerLabels.ENV, env).delete().size();
      if (n > 0) {
        removed.add(n + " " + type.getSimpleName() + where);
      }
    }
  }

  /**
   * Deletes the labelled objects of a Flux kind and waits for Flux to finalize them (a
   * Kustomization with prune garbage-collects what it applied). Finalizers nobody removes in time
   * (no controller running) are removed, or the objects would never go.
   */
  private static int deleteFluxObjects(KubernetesClient client, FluxKind kind, String env) {
    var objects =
        client.genericKubernetesResources(kind.apiVersion(), kind.kind()).inAnyNamespace();
    int n;
    try {
      n = objects.withLabel(DockerLabels.ENV, env).delete().size();
    } catch (KubernetesClientException e) {
      return 0; // the kind is not installed
    }
    try {
      Awaitility.await(kind.kind() + " objects finalized")
          .atMost(FINALIZE)
          .pollInterval(Duration.ofMillis(500))
          .until(() -> objects.withLabel(DockerLabels.ENV, env).list().getItems().isEmpty());
    } catch (ConditionTimeoutException e) {
      for (var left : objects.withLabel(DockerLabels.ENV, env).list().getItems()) {
        client
            .genericKubernetesResources(kind.apiVersion(), kind.kind())
            .inNamespace(left.getMetadata().getNamespace())
            .withName(left.getMetadata().getName())
            .edit(
                o -> {
                  o.getMetadata().setFinalizers(List.of());
                  return o;
                });
      }
    }
    return n;
  }
}
