package dev.fluxlab.embedded;

import dev.fluxlab.embedded.apply.Authorizer;
import dev.fluxlab.embedded.helm.HelmReleaseController;
import dev.fluxlab.embedded.helm.HelmRepositoryController;
import dev.fluxlab.embedded.kustomize.KustomizationController;
import dev.fluxlab.embedded.kustomize.KustomizeBuilder;
import dev.fluxlab.embedded.rbac.Impersonation;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.CrossNamespaceAcl;
import dev.fluxlab.embedded.reconciler.ReconcileLoop;
import dev.fluxlab.embedded.source.GitRepositoryController;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The embedded equivalent of {@code flux install}: registers the Flux kinds in a cluster, creates
 * {@code flux-system}, and starts fluxlab's controllers for it.
 */
public final class EmbeddedFlux {
  public static final String NAMESPACE = "flux-system";

  private EmbeddedFlux() {}

  /** Registers the Flux CRDs (in the catalog at once, so applies never race the CRD watch). */
  public static void install(EmbeddedCluster cluster) {
    for (ApiResource r : FluxCrds.all()) {
      cluster
          .client()
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(FluxCrds.definition(r))
          .createOr(c -> c.update());
      cluster.catalog().register(r);
    }
    cluster
        .client()
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels("app.kubernetes.io/instance", NAMESPACE)
                .addToLabels("app.kubernetes.io/part-of", "flux")
                .endMetadata()
                .build())
        .createOr(c -> c.update());
    createControllerIdentities(cluster);
  }

  /**
   * The service accounts of the Flux controllers, with kustomize- and helm-controller bound to
   * cluster-admin as {@code flux install} binds them: a Kustomization that names {@code
   * serviceAccountName: kustomize-controller} applies with the controller's own rights.
   */
  private static void createControllerIdentities(EmbeddedCluster cluster) {
    var client = cluster.client();
    for (String controller :
        new String[] {"source-controller", "kustomize-controller", "helm-controller"}) {
      client
          .serviceAccounts()
          .inNamespace(NAMESPACE)
          .resource(
              new ServiceAccountBuilder()
                  .withNewMetadata()
                  .withName(controller)
                  .endMetadata()
                  .build())
          .createOr(s -> s.update());
    }
    client
        .rbac()
        .clusterRoleBindings()
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName("cluster-reconciler-" + NAMESPACE)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", "cluster-admin")
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("kustomize-controller")
                .withNamespace(NAMESPACE)
                .endSubject()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("helm-controller")
                .withNamespace(NAMESPACE)
                .endSubject()
                .build())
        .createOr(b -> b.update());
  }

  /**
   * Starts the controllers of one cluster; close the loop to stop them.
   *
   * @param chartMirrors Helm repository URLs answered from local chart repositories
   * @param lockdown the multi-tenancy lockdown flags of the controllers ({@link Lockdown#NONE} for
   *     Flux's defaults)
   */
  public static ReconcileLoop startControllers(
      EmbeddedCluster cluster,
      Path workDir,
      String kubectl,
      Map<String, Path> chartMirrors,
      Lockdown lockdown) {
    ClusterContext ctx =
        ClusterContext.create(cluster.name(), cluster.client(), cluster.catalog(), workDir);
    Function<GenericKubernetesResource, Authorizer> authorizers =
        Impersonation.authorizers(cluster.client(), lockdown.defaultServiceAccount());
    CrossNamespaceAcl acl = CrossNamespaceAcl.of(lockdown.noCrossNamespaceRefs());
    KustomizeBuilder kustomize = new KustomizeBuilder(ctx.scratchDir(), kubectl);
    ReconcileLoop loop =
        new ReconcileLoop(cluster.client(), cluster.name())
            .register(new GitRepositoryController(ctx))
            .register(new KustomizationController(ctx, kustomize, authorizers, acl))
            .register(new HelmRepositoryController(ctx, chartMirrors))
            .register(new HelmReleaseController(ctx, chartMirrors, authorizers, acl, kustomize));
    return loop.start();
  }
}
