package dev.fluxlab.docker;

import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An existing cluster (kind, minikube, a shared CI cluster) from the user's kubeconfig and context.
 * Flux is installed there unless it already is; everything fluxlab creates in the cluster carries
 * the environment's label, and {@link ExistingClusterCleanup} removes exactly that. A cluster whose
 * {@code flux-system} GitRepository or Kustomization belongs to someone else is refused: fluxlab
 * would overwrite them.
 */
final class ExistingClusters implements ClusterProvisioner {
  private static final long FLUX_READY_SECONDS = 300;
  private static final String FLUX_CRD = "kustomizations.kustomize.toolkit.fluxcd.io";

  @Override
  public String provision(String cluster, Context context) {
    String kubeconfig =
        selectContext(context.docker().kubeconfig(), context.docker().kubeContext());
    // Recorded first: a teardown after kill -9 must find the cluster to clean even if we die here.
    ExistingClusterCleanup.record(context.envDir(), cluster, kubeconfig);
    Map<String, String> labels = Map.of(DockerLabels.ENV, context.env());
    try (KubernetesClient client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build()) {
      requireReachable(client, context);
      boolean fluxInstalled =
          client.apiextensions().v1().customResourceDefinitions().withName(FLUX_CRD).get() != null;
      if (fluxInstalled) {
        refuseForeignBootstrap(client, context.env());
        context.progress().accept("using the Flux already installed on " + cluster);
      } else {
        ClusterReadiness.await(client);
        FluxInstall install = context.fluxInstall(client, cluster).labelled(labels);
        if (context.lockedDown()) {
          install.lockedDown(context.defaultServiceAccount());
        }
        install.apply(client, o -> true);
        install.awaitControllers(client, FLUX_READY_SECONDS);
      }
      String network = context.docker().clusterNetwork();
      String giteaAddress =
          network.isEmpty() ? context.gitea().networkAddress() : context.gitea().attachTo(network);
      String registryAddress =
          network.isEmpty()
              ? context.registry().networkAddress()
              : context.registry().attachTo(network);
      context.exposeContainers(client, giteaAddress, registryAddress, labels);
    }
    return kubeconfig;
  }

  /** The user's kubeconfig with {@code context} (or its current one) as the current context. */
  static String selectContext(Path file, String context) {
    Map<String, Object> config;
    try {
      config = Yaml.map(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new InvalidInputException(
          "setting 'cluster.kubeconfig': " + file + " is not a kubeconfig: " + e.getMessage());
    }
    Object contexts = config.get("contexts");
    List<String> names =
        contexts instanceof List<?> l
            ? l.stream()
                .filter(Map.class::isInstance)
                .map(c -> String.valueOf(((Map<?, ?>) c).get("name")))
                .toList()
            : List.of();
    String chosen = context.isEmpty() ? String.valueOf(config.get("current-context")) : context;
    if (!names.contains(chosen)) {
      throw new InvalidInputException(
          (context.isEmpty()
                  ? "setting 'cluster.kubeconfig': current context '"
                  : "setting 'cluster.context': '")
              + chosen
              + "' is not a context of "
              + file
              + " (contexts: "
              + String.join(", ", names)
              + ")");
    }
    Map<String, Object> selected = new LinkedHashMap<>(config);
    selected.put("current-context", chosen);
    return Yaml.write(selected);
  }

  private static void requireReachable(KubernetesClient client, Context context) {
    try {
      client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      throw new InvalidInputException(
          "setting 'cluster.kubeconfig': cannot reach the cluster of "
              + context.docker().kubeconfig()
              + ": "
              + e.getMessage());
    }
  }

  /** fluxlab bootstraps flux-system/flux-system; someone else's would be overwritten. */
  private static void refuseForeignBootstrap(KubernetesClient client, String env) {
    for (FluxKind kind : List.of(FluxKind.GIT_REPOSITORY, FluxKind.KUSTOMIZATION)) {
      GenericKubernetesResource existing =
          client
              .genericKubernetesResources(kind.apiVersion(), kind.kind())
              .inNamespace(FluxInstall.NAMESPACE)
              .withName(FluxInstall.NAMESPACE)
              .get();
      Map<String, String> labels = existing == null ? null : existing.getMetadata().getLabels();
      if (existing != null && (labels == null || !env.equals(labels.get(DockerLabels.ENV)))) {
        throw new InvalidInputException(
            "setting 'cluster.kubeconfig': the cluster already has a "
                + kind.kind()
                + " flux-system/flux-system that fluxlab did not create; fluxlab bootstraps"
                + " that name and would overwrite it (use a cluster without a Flux bootstrap)");
      }
    }
  }
}
