package dev.fluxlab.embedded;

import dev.fluxlab.embedded.helm.HelmReleaseController;
import dev.fluxlab.embedded.helm.HelmRepositoryController;
import dev.fluxlab.embedded.kustomize.KustomizationController;
import dev.fluxlab.embedded.kustomize.KustomizeBuilder;
import dev.fluxlab.embedded.rbac.Impersonation;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.CrossNamespaceAcl;
import dev.fluxlab.embedded.reconciler.ReconcileLoop;
import dev.fluxlab.embedded.source.GitRepositoryController;
import dev.fluxlab.embedded.source.OCIRepositoryController;
import dev.fluxlab.oci.RegistryRoute;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded equivalent of {@code flux install}: registers the Flux kinds in a cluster, creates
 * {@code flux-system}, and starts fluxlab's controllers for it.
 */
public final class EmbeddedFlux {
  public static final String NAMESPACE = "flux-system";

  private EmbeddedFlux() {}

  /**
   * Registers the Flux CRDs and waits until the API server serves them, then creates {@code
   * flux-system} and the controllers' identities.
   *
   * @param installManifests Flux's install manifests ({@code flux install --export} of the pinned
   *     version): their CRDs, with Flux's schemas, printer columns and versions, are the ones
   *     registered; where the file does not exist, fluxlab's own open-schema registrations are
   */
  public static void install(EmbeddedCluster cluster, Path installManifests) {
    var crds = cluster.client().apiextensions().v1().customResourceDefinitions();
    FluxCrds.Registrations registrations =
        FluxCrds.registrations(cluster.client(), installManifests);
    List<CustomResourceDefinition> definitions = registrations.definitions();
    for (CustomResourceDefinition crd : definitions) {
      crds.resource(crd).createOr(c -> c.update());
    }
    for (var role : registrations.aggregatedRoles()) {
      cluster.client().rbac().clusterRoles().resource(role).createOr(r -> r.update());
    }
    for (CustomResourceDefinition crd : definitions) {
      FluxCrds.awaitEstablished(cluster.client(), crd.getMetadata().getName());
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
   * Starts the controllers of one cluster with a kustomize builder of its own; close the loop to
   * stop them (and the builder).
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
    return startControllers(cluster, workDir, kubectl, chartMirrors, lockdown, RegistryRoute.NONE);
  }

  /** As above, with OCIRepositories reaching the registry as {@code registry} says. */
  public static ReconcileLoop startControllers(
      EmbeddedCluster cluster,
      Path workDir,
      String kubectl,
      Map<String, Path> chartMirrors,
      Lockdown lockdown,
      RegistryRoute registry) {
    KustomizeBuilder builder = KustomizeBuilder.start(workDir.resolve("kustomize"), kubectl);
    return startControllers(cluster, workDir, builder, chartMirrors, lockdown, registry)
        .closing(builder);
  }

  /**
   * Starts the controllers of one cluster; close the loop to stop them. The builder may serve
   * several clusters (its cache then spans them); its owner closes it.
   *
   * @param registry how OCIRepositories and the charts of HelmRepositories of type oci reach the
   *     environment's registry (or why there is none)
   */
  public static ReconcileLoop startControllers(
      EmbeddedCluster cluster,
      Path workDir,
      KustomizeBuilder builder,
      Map<String, Path> chartMirrors,
      Lockdown lockdown,
      RegistryRoute registry) {
    ClusterContext ctx =
        ClusterContext.create(cluster.name(), cluster.client(), cluster.catalog(), workDir);
    Impersonation identities =
        new Impersonation(cluster.client(), lockdown.defaultServiceAccount());
    cluster.closeWith(identities);
    CrossNamespaceAcl acl = CrossNamespaceAcl.of(lockdown.noCrossNamespaceRefs());
    ReconcileLoop loop =
        new ReconcileLoop(cluster.client(), cluster.name(), ctx.objects())
            .register(new GitRepositoryController(ctx))
            .register(new OCIRepositoryController(ctx, registry))
            .register(new KustomizationController(ctx, builder, identities, acl))
            .register(new HelmRepositoryController(ctx, chartMirrors))
            .register(
                new HelmReleaseController(ctx, chartMirrors, identities, acl, builder, registry));
    return loop.start();
  }
}
