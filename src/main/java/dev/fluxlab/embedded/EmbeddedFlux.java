package dev.fluxlab.embedded;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.embedded.helm.HelmReleaseController;
import dev.fluxlab.embedded.helm.HelmRepositoryController;
import dev.fluxlab.embedded.kube.EtcdTemplate;
import dev.fluxlab.embedded.kube.EtcdTemplates;
import dev.fluxlab.embedded.kube.KubeBinaries;
import dev.fluxlab.embedded.kube.KubeControlPlane;
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
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The embedded equivalent of {@code flux install}: registers the Flux kinds in a cluster, creates
 * {@code flux-system}, and starts fluxlab's controllers for it.
 */
public final class EmbeddedFlux {
  public static final String NAMESPACE = "flux-system";
  private static final Logger LOG = Logger.getLogger(EmbeddedFlux.class.getName());

  /**
   * How long a templated cluster's CRDs may take to be served: the API server has them as soon as
   * its CRD informer synced, which its readiness includes, so this is a bound, not a wait.
   */
  private static final Duration TEMPLATE_CRDS_SERVED = Duration.ofSeconds(10);

  private static final List<String> BOOTSTRAP_ROLES =
      List.of("cluster-admin", "admin", "edit", "view", "system:discovery");

  private EmbeddedFlux() {}

  /**
   * Registers the Flux CRDs and waits until the API server serves them, then creates {@code
   * flux-system} and the controllers' identities. On a cluster whose etcd started from a template
   * ({@link EmbeddedCluster#template()}) the CRDs are there already: this waits until they are
   * served, and registers them only when they are not (saying why in one log line).
   *
   * @param installManifests Flux's install manifests ({@code flux install --export} of the pinned
   *     version): their CRDs, with Flux's schemas, printer columns and versions, are the ones
   *     registered; where the file does not exist, fluxlab's own open-schema registrations are
   */
  public static void install(EmbeddedCluster cluster, Path installManifests) {
    Optional<EtcdTemplate> template = cluster.template();
    if (template.isEmpty() || !servesTemplateCrds(cluster, template.get())) {
      registerCrds(cluster.client(), installManifests);
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
   * Registers the Flux CRDs and the ClusterRoles that aggregate them into admin/edit/view, and
   * waits until every CRD is Established; returns their names.
   */
  static List<String> registerCrds(KubernetesClient client, Path installManifests) {
    var crds = client.apiextensions().v1().customResourceDefinitions();
    FluxCrds.Registrations registrations = FluxCrds.registrations(client, installManifests);
    List<CustomResourceDefinition> definitions = registrations.definitions();
    for (CustomResourceDefinition crd : definitions) {
      crds.resource(crd).createOr(c -> c.update());
    }
    for (var role : registrations.aggregatedRoles()) {
      client.rbac().clusterRoles().resource(role).createOr(r -> r.update());
    }
    for (CustomResourceDefinition crd : definitions) {
      FluxCrds.awaitEstablished(client, crd.getMetadata().getName());
    }
    return definitions.stream().map(d -> d.getMetadata().getName()).toList();
  }

  /** Whether the API server serves (Established) every CRD the template holds, in a few seconds. */
  private static boolean servesTemplateCrds(EmbeddedCluster cluster, EtcdTemplate template) {
    var crds = cluster.client().apiextensions().v1().customResourceDefinitions();
    try {
      await("Flux CRDs of the etcd template on cluster " + cluster.name())
          .atMost(TEMPLATE_CRDS_SERVED)
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Set<String> established =
                    crds.list().getItems().stream()
                        .filter(FluxCrds::isEstablished)
                        .map(c -> c.getMetadata().getName())
                        .collect(Collectors.toSet());
                return established.containsAll(template.crdNames());
              });
      return true;
    } catch (ConditionTimeoutException e) {
      LOG.warning(
          "cluster "
              + cluster.name()
              + ": the CRDs of etcd template "
              + template.dir()
              + " are not all served after "
              + TEMPLATE_CRDS_SERVED.toSeconds()
              + " s: registering them");
      return false;
    }
  }

  /**
   * The etcd template holding Flux's CRDs from {@code installManifests} (see {@link
   * EtcdTemplates}), built first when there is none; empty when it cannot be had (clusters then
   * register the CRDs themselves).
   */
  public static Optional<EtcdTemplate> etcdTemplate(
      EtcdTemplates templates, Path installManifests, Consumer<String> progress) {
    Optional<KubeBinaries> bin = KubeBinaries.find();
    if (bin.isEmpty()) {
      return Optional.empty(); // the cluster's own start says what is missing
    }
    String what =
        installManifests != null && Files.isRegularFile(installManifests)
            ? "Flux's CRDs from " + installManifests
            : "fluxlab's Flux CRDs";
    return templates.obtain(
        bin.get(),
        FluxCrds.registrationsDigest(installManifests),
        what,
        plane -> populateTemplate(plane, installManifests),
        progress);
  }

  /**
   * What a template holds: exactly what {@link #install} registers before anything else, and the
   * API server's bootstrap (built-in roles, priority classes), checked to be there.
   */
  private static List<String> populateTemplate(KubeControlPlane plane, Path installManifests) {
    try (KubernetesClient client = plane.adminClient()) {
      List<String> names = registerCrds(client, installManifests);
      plane.awaitReady();
      for (String role : BOOTSTRAP_ROLES) {
        if (client.rbac().clusterRoles().withName(role).get() == null) {
          throw new FluxLabException("bootstrap ClusterRole " + role + " missing after readyz");
        }
      }
      return names;
    }
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
