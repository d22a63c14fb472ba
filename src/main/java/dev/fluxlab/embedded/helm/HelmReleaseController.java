package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.apply.Applier;
import dev.fluxlab.embedded.apply.ApplyException;
import dev.fluxlab.embedded.apply.HealthWait;
import dev.fluxlab.embedded.apply.InventoryEntry;
import dev.fluxlab.embedded.kustomize.CommonMetadata;
import dev.fluxlab.embedded.kustomize.KustomizeBuilder;
import dev.fluxlab.embedded.rbac.Impersonation;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Controller;
import dev.fluxlab.embedded.reconciler.CrossNamespaceAcl;
import dev.fluxlab.embedded.reconciler.Dependencies;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import dev.fluxlab.embedded.spec.SpecFields;
import dev.fluxlab.oci.RegistryRoute;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * helm-controller's HelmRelease reconciler: waits for {@code dependsOn}, resolves the chart from
 * its HelmRepository ({@code chart.spec}) or loads it from an OCIRepository's artifact ({@code
 * chartRef}, see {@link OciChartSource}), composes the values, and installs or upgrades the release
 * only when the chart version, the values or the spec changed; stores each revision as Helm does
 * and reports it in status like helm-controller.
 */
public final class HelmReleaseController implements Controller {
  static final String COMPONENT = "helm-controller";
  private static final ApiResource TYPE = FluxCrds.HELM_RELEASE;

  /** helm-controller re-checks unready dependencies after this long. */
  private static final Duration DEPENDENCY_RETRY = Duration.ofSeconds(5);

  /** helm-controller requeues at once after a remediation, to retry the release. */
  private static final Duration REMEDIATED_RETRY = Duration.ofSeconds(1);

  /** controller-runtime backs off up to minutes; a fixed retry is close enough here. */
  private static final Duration DENIED_RETRY = Duration.ofSeconds(30);

  private final ClusterContext ctx;
  private final ChartFetcher charts;
  private final OciChartSource ociCharts;
  private final ReleaseValues values;
  private final ChartRenderer renderer;
  private final ReleaseObjects releaseObjects;
  private final ReleaseStorage storage;
  private final ReleaseStatus status;
  private final Dependencies dependencies;
  private final HealthWait healthWait;
  private final Impersonation identities;
  private final CrossNamespaceAcl acl;
  private final PostRenderers postRenderers;

  /**
   * @param chartMirrors repository URLs served from local directories (see {@link
   *     HelmRepositoryController}); chart packages are read from there too
   * @param identities the identity each HelmRelease applies as
   * @param acl whether references into other namespaces are blocked
   * @param kustomize runs the {@code postRenderers}' kustomize patches and images
   * @param registry how charts of HelmRepositories of type oci reach the environment's registry
   */
  public HelmReleaseController(
      ClusterContext ctx,
      Map<String, Path> chartMirrors,
      Impersonation identities,
      CrossNamespaceAcl acl,
      KustomizeBuilder kustomize,
      RegistryRoute registry) {
    this.postRenderers = new PostRenderers(kustomize, ctx.scratchDir());
    this.ctx = ctx;
    this.charts = new ChartFetcher(ctx, new RepositoryFiles(chartMirrors), registry);
    this.ociCharts = new OciChartSource(ctx);
    this.values = new ReleaseValues(ctx.client());
    this.renderer = new ChartRenderer(ctx.scratchDir());
    this.releaseObjects =
        new ReleaseObjects(ctx.catalog(), ctx.client().getKubernetesSerialization());
    this.storage = new ReleaseStorage(ctx.client());
    this.status = new ReleaseStatus(ctx, storage);
    this.dependencies = new Dependencies(ctx.objects(), TYPE);
    this.healthWait = new HealthWait(ctx.applier());
    this.identities = identities;
    this.acl = acl;
  }

  @Override
  public ApiResource type() {
    return TYPE;
  }

  @Override
  public Duration reconcile(GenericKubernetesResource obj) {
    HelmReleaseSpec spec = HelmReleaseSpec.of(obj);
    if (!spec.validChartReference()) {
      // helm-controller returns a terminal "invalid Chart reference" error without a status; Flux's
      // CRD refuses such an object at admission already.
      return spec.interval();
    }
    String denied = acl.denied(obj);
    if (denied != null && spec.usesChartRef()) {
      // A chartRef is read directly: helm-controller reports the denial and stalls.
      status.notReady(obj, "AccessDenied", denied);
      status.stalled(obj, "AccessDenied", denied);
      return spec.interval();
    }
    if (denied != null) {
      // helm-controller refuses to create the HelmChart in the source's namespace, and returns
      // that error before it writes any condition: the HelmRelease keeps its last status (its new
      // generation is never observed) and is retried with backoff. Checked against helm-controller
      // 1.6; pinned by MultiTenancyLockdownTest and the tenant-cross-namespace-ref scenario.
      return DENIED_RETRY;
    }
    String refused = SpecFields.HELM_RELEASE.refusal(Maps.spec(obj)).orElse(null);
    if (refused != null) {
      status.notReady(obj, SpecFields.REASON, refused);
      return spec.interval();
    }
    String waitFor = dependencies.notReadyReason(obj, null);
    if (waitFor != null) {
      status.notReady(obj, "DependencyNotReady", waitFor);
      return DEPENDENCY_RETRY;
    }
    ChartFetcher.Fetched chart;
    String revisionDigest = null;
    Map<String, Object> composed;
    try {
      spec.requireSupported();
      if (spec.usesChartRef()) {
        OciChartSource.Loaded loaded = ociCharts.load(spec);
        chart = loaded.chart();
        revisionDigest = loaded.digest();
      } else {
        chart = charts.fetch(spec);
      }
      composed = values.compose(spec);
    } catch (ReleaseException e) {
      status.notReady(obj, e.reason(), e.getMessage());
      // helm-controller waits for a source at its dependency interval; other failures back off.
      return ChartFetcher.SOURCE_NOT_READY.equals(e.reason()) && spec.usesChartRef()
          ? DEPENDENCY_RETRY
          : spec.interval();
    }
    String digest = ReleaseValues.digest(composed);
    Release latest = storage.latest(spec.storageNamespace(), spec.releaseName()).orElse(null);
    if (inSync(obj, chart, digest, latest)) {
      if (spec.driftDetection()) {
        correctDrift(obj, spec, latest);
      }
      status.inSync(obj, spec, latest);
      return spec.interval();
    }
    ReleaseAction counted = countedAction(obj, latest);
    Optional<Duration> retry = RetryStrategy.interval(Maps.spec(obj), counted);
    Remediation remediation = Remediation.of(Maps.spec(obj), counted);
    int failures = Remediation.failures(obj, counted, chart.version().version(), digest);
    if (retry.isEmpty() && remediation.exhausted(failures)) {
      // helm-controller makes no further attempt until the release target changes.
      return spec.interval();
    }
    String failure = release(obj, spec, chart, revisionDigest, composed, digest, latest);
    if (failure == null) {
      return spec.interval();
    }
    // The failure counts against the action run (a failed install is retried as an upgrade), and
    // that action's strategy decides what follows, as helm-controller's "active" strategy does.
    ReleaseAction ran = latest == null ? ReleaseAction.INSTALL : ReleaseAction.UPGRADE;
    Optional<Duration> retryAfter = RetryStrategy.interval(Maps.spec(obj), ran);
    if (retryAfter.isPresent()) {
      // RetryOnFailure: nothing is remediated and nothing stalls; the failed release is upgraded
      // again after the interval.
      int ranFailures = Remediation.failures(obj, ran, chart.version().version(), digest);
      status.countFailure(obj, ran, ranFailures + 1);
      status.retrying(obj, retryAfter.get());
      return retryAfter.get();
    }
    return afterFailure(obj, spec, counted, remediation, failures + 1);
  }

  /**
   * Whose failures count: the install's until a release was deployed (a failed first install stays
   * an install failure), the upgrade's after that.
   */
  private static ReleaseAction countedAction(GenericKubernetesResource obj, Release latest) {
    if (latest == null) {
      return ReleaseAction.INSTALL;
    }
    Object attempted =
        Maps.get(obj.getAdditionalProperties(), "status", "lastAttemptedReleaseAction");
    return Release.FAILED.equals(latest.status()) && "install".equals(attempted)
        ? ReleaseAction.INSTALL
        : ReleaseAction.UPGRADE;
  }

  /**
   * helm-controller's remediation of the {@code failures}-th failure: uninstall (install, or
   * upgrade with strategy uninstall) or roll back to the previous deployed revision, unless the
   * retries are exhausted and the last failure is not to be remediated; Stalled RetriesExceeded
   * once they are exhausted.
   */
  private Duration afterFailure(
      GenericKubernetesResource obj,
      HelmReleaseSpec spec,
      ReleaseAction action,
      Remediation remediation,
      int failures) {
    status.countFailure(obj, action, failures);
    if (remediation.remediates(failures)) {
      Release failed = storage.latest(spec.storageNamespace(), spec.releaseName()).orElse(null);
      if (remediation.uninstall()) {
        uninstallRemediation(obj, spec, failed);
      } else if (!rollback(obj, spec, failed)) {
        status.stalled(
            obj,
            "MissingRollbackTarget",
            "Failed to perform remediation: missing target release for rollback");
        return spec.interval();
      }
    }
    if (remediation.exhausted(failures)) {
      status.stalled(
          obj,
          "RetriesExceeded",
          "Failed to " + action.verb() + " after " + failures + " attempt(s)");
      return spec.interval();
    }
    return REMEDIATED_RETRY;
  }

  private void uninstallRemediation(
      GenericKubernetesResource obj, HelmReleaseSpec spec, Release failed) {
    if (failed == null) {
      return; // the cluster refused the objects: nothing was installed, nothing to remove
    }
    uninstall(obj, spec, failed);
    status.remediated(
        obj,
        spec,
        "UninstallSucceeded",
        "Helm uninstall remediation for release "
            + fullName(failed)
            + " with chart "
            + failed.chartName()
            + "@"
            + failed.chartVersion()
            + " succeeded");
  }

  /** Helm rollback: the previous deployed revision's manifest and values as a new revision. */
  private boolean rollback(GenericKubernetesResource obj, HelmReleaseSpec spec, Release failed) {
    Release target = null;
    if (failed != null && Release.DEPLOYED.equals(failed.status())) {
      target = failed; // the refused upgrade stored nothing: re-deploy what is there
    } else if (failed != null) {
      for (Release r : storage.history(spec.storageNamespace(), spec.releaseName())) {
        boolean wasDeployed =
            Release.DEPLOYED.equals(r.status()) || Release.SUPERSEDED.equals(r.status());
        if (wasDeployed && r.version() < failed.version()) {
          target = r;
          break;
        }
      }
    }
    if (target == null) {
      return false;
    }
    KubernetesClient identity = identities.clientFor(obj);
    List<GenericKubernetesResource> objects = releaseObjects.parse(target.manifest());
    try {
      Applier.Result applied = ctx.applier().apply(objects, identity, COMPONENT);
      if (failed != null && failed.version() > target.version()) {
        ctx.applier().prune(stale(failed, applied.inventory()), identity);
      }
    } catch (ApplyException e) {
      status.remediated(
          obj,
          spec,
          "RollbackFailed",
          "Helm rollback to previous release "
              + fullName(target)
              + " with chart "
              + target.chartName()
              + "@"
              + target.chartVersion()
              + " failed: "
              + e.getMessage());
      return true;
    }
    Release latest = storage.latest(spec.storageNamespace(), spec.releaseName()).orElse(target);
    String now = Instant.now().toString();
    storage
        .as(identity)
        .record(
            spec.storageNamespace(),
            new Release(
                target.name(),
                target.namespace(),
                latest.version() + 1,
                target.chartName(),
                target.chartVersion(),
                target.appVersion(),
                target.config(),
                target.manifest(),
                Release.DEPLOYED,
                target.firstDeployed(),
                now,
                "Rollback to " + target.version()),
            spec.maxHistory());
    status.remediated(
        obj,
        spec,
        "RollbackSucceeded",
        "Helm rollback to previous release "
            + fullName(target)
            + " with chart "
            + target.chartName()
            + "@"
            + target.chartVersion()
            + " succeeded");
    return true;
  }

  private static String fullName(Release r) {
    return r.namespace() + "/" + r.name() + ".v" + r.version();
  }

  /** helm-controller's "in sync": nothing to install or upgrade. */
  private static boolean inSync(
      GenericKubernetesResource obj, ChartFetcher.Fetched chart, String digest, Release latest) {
    Object attempted = Maps.get(obj.getAdditionalProperties(), "status", "lastAttemptedGeneration");
    return latest != null
        && Release.DEPLOYED.equals(latest.status())
        && chart.version().version().equals(latest.chartVersion())
        && digest.equals(ReleaseValues.digest(latest.config()))
        && attempted instanceof Number n
        && n.longValue() == StatusWriter.generationOf(obj);
  }

  /** Installs or upgrades; null when it succeeded, else why it failed. */
  private String release(
      GenericKubernetesResource obj,
      HelmReleaseSpec spec,
      ChartFetcher.Fetched chart,
      String revisionDigest,
      Map<String, Object> config,
      String digest,
      Release latest) {
    ReleaseAction action = latest == null ? ReleaseAction.INSTALL : ReleaseAction.UPGRADE;
    Attempt attempt = new Attempt(action, chart.version().version(), revisionDigest, digest);
    String ref = spec.targetNamespace() + "/" + spec.releaseName();
    String chartRef = chart.version().name() + "@" + chart.version().version();
    KubernetesClient identity = identities.clientFor(obj);
    List<GenericKubernetesResource> objects = null;
    List<InventoryEntry> inventory;
    Map<InventoryEntry, GenericKubernetesResource> observed;
    try {
      createNamespaceIfAsked(spec, identity);
      // Helm records the release before it creates anything, as the identity that installs it:
      // a storage namespace the identity may not write to stops the release right here.
      storage.as(identity).requireWritable(spec.storageNamespace(), spec.releaseName());
      String rendered =
          renderer.render(chart.archive(), spec.releaseName(), spec.targetNamespace(), config);
      rendered = postRenderers.render(rendered, Maps.list(Maps.spec(obj), "postRenderers"));
      objects = releaseObjects.prepare(rendered, spec, spec.releaseName(), spec.targetNamespace());
      CommonMetadata common = CommonMetadata.of(Maps.spec(obj));
      objects.forEach(common::applyTo);
      Applier.Result applied = ctx.applier().apply(objects, identity, COMPONENT);
      inventory = applied.inventory();
      observed = applied.observed();
      ctx.applier().prune(stale(latest, inventory), identity);
    } catch (ReleaseException | ApplyException e) {
      if (e instanceof ApplyException && objects != null) {
        // Helm records a release whose objects the cluster refused, as failed.
        store(
            spec,
            chart,
            config,
            releaseObjects.manifest(objects),
            latest,
            e.getMessage(),
            identity);
      }
      status.failed(
          obj,
          spec,
          attempt,
          action.failedReason(),
          failure(action, ref, chartRef, e.getMessage()));
      return e.getMessage();
    }
    boolean wait = action == ReleaseAction.INSTALL ? spec.installWait() : spec.upgradeWait();
    String unhealthy = wait ? healthWait.until(inventory, spec.timeout(), observed) : null;
    Release stored =
        store(spec, chart, config, releaseObjects.manifest(objects), latest, unhealthy, identity);
    if (unhealthy != null) {
      status.failed(
          obj, spec, attempt, action.failedReason(), failure(action, ref, chartRef, unhealthy));
      return unhealthy;
    }
    // Under RetryOnFailure the failure counts go with the success, in the same status write: a
    // reader that sees Ready must not see the counts of the failures it ended.
    boolean dropFailures =
        RetryStrategy.interval(Maps.spec(obj), countedAction(obj, latest)).isPresent();
    status.succeeded(
        obj,
        spec,
        attempt,
        action.succeededReason(),
        ReleaseStatus.succeeded(action, stored),
        dropFailures);
    return null;
  }

  /** helm-controller's words for a failed install or upgrade. */
  private static String failure(ReleaseAction action, String ref, String chartRef, String cause) {
    return "Helm "
        + action.verb()
        + " failed for release "
        + ref
        + " with chart "
        + chartRef
        + ": "
        + cause;
  }

  /** Stores the new revision: deployed, or failed when the wait timed out. */
  private Release store(
      HelmReleaseSpec spec,
      ChartFetcher.Fetched chart,
      Map<String, Object> config,
      String manifest,
      Release latest,
      String unhealthy,
      KubernetesClient identity) {
    String now = Instant.now().toString();
    boolean ok = unhealthy == null;
    Release release =
        new Release(
            spec.releaseName(),
            spec.targetNamespace(),
            latest == null ? 1 : latest.version() + 1,
            chart.version().name(),
            chart.version().version(),
            chart.version().appVersion(),
            config,
            manifest,
            ok ? Release.DEPLOYED : Release.FAILED,
            latest == null ? now : latest.firstDeployed(),
            now,
            ok
                ? (latest == null ? "Install complete" : "Upgrade complete")
                : "Release \"" + spec.releaseName() + "\" failed: " + unhealthy);
    storage.as(identity).record(spec.storageNamespace(), release, spec.maxHistory());
    return release;
  }

  /** Objects of the previous revision that the new one no longer renders. */
  private List<InventoryEntry> stale(Release latest, List<InventoryEntry> now) {
    if (latest == null) {
      return List.of();
    }
    List<InventoryEntry> stale = new ArrayList<>();
    for (InventoryEntry old : releaseObjects.inventory(releaseObjects.parse(latest.manifest()))) {
      if (now.stream().noneMatch(old::sameObject)) {
        stale.add(old);
      }
    }
    return stale;
  }

  /** Drift detection: re-applies the last release's objects, overwriting manual changes. */
  private void correctDrift(GenericKubernetesResource obj, HelmReleaseSpec spec, Release latest) {
    try {
      Applier.Result applied =
          ctx.applier()
              .apply(releaseObjects.parse(latest.manifest()), identities.clientFor(obj), COMPONENT);
      if (!applied.changes().isEmpty()) {
        ctx.events()
            .normal(
                obj,
                COMPONENT,
                "DriftDetected",
                "Cluster state of release "
                    + spec.targetNamespace()
                    + "/"
                    + spec.releaseName()
                    + ".v"
                    + latest.version()
                    + " has been corrected:\n"
                    + String.join("\n", applied.changes()));
      }
    } catch (ApplyException e) {
      ctx.events()
          .warning(obj, COMPONENT, "DriftDetected", "cannot correct drift: " + e.getMessage());
    }
  }

  private void createNamespaceIfAsked(HelmReleaseSpec spec, KubernetesClient identity) {
    if (!spec.createNamespace()
        || ctx.client().namespaces().withName(spec.targetNamespace()).get() != null) {
      return;
    }
    identity
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(spec.targetNamespace())
                .endMetadata()
                .build())
        .create();
  }

  /** helm-controller's finalizer: uninstalls the release unless the HelmRelease is suspended. */
  @Override
  public void deleted(GenericKubernetesResource lastKnown) {
    ctx.events().forget(lastKnown);
    HelmReleaseSpec spec = HelmReleaseSpec.of(lastKnown);
    if (spec.suspend()) {
      return;
    }
    Release latest = storage.latest(spec.storageNamespace(), spec.releaseName()).orElse(null);
    if (latest == null) {
      return;
    }
    uninstall(lastKnown, spec, latest);
    ctx.events()
        .normal(
            lastKnown,
            COMPONENT,
            "UninstallSucceeded",
            "Helm uninstall succeeded for release "
                + spec.targetNamespace()
                + "/"
                + spec.releaseName()
                + ".v"
                + latest.version()
                + " with chart "
                + latest.chartName()
                + "@"
                + latest.chartVersion());
  }

  /** Helm uninstall: the release's objects, and its storage unless {@code keepHistory}. */
  private void uninstall(GenericKubernetesResource obj, HelmReleaseSpec spec, Release latest) {
    KubernetesClient identity = identities.clientFor(obj);
    ctx.applier()
        .prune(releaseObjects.inventory(releaseObjects.parse(latest.manifest())), identity);
    if (Maps.bool(Maps.spec(obj), "uninstall", "keepHistory")) {
      storage
          .as(identity)
          .record(spec.storageNamespace(), latest.withStatus("uninstalled"), spec.maxHistory());
    } else {
      storage.as(identity).deleteAll(spec.storageNamespace(), spec.releaseName());
    }
  }

  /**
   * What one install or upgrade attempted, for {@code status.lastAttempted*}.
   *
   * @param revisionDigest the OCI artifact's digest ({@code status.lastAttemptedRevisionDigest}),
   *     or null for a chart from a HelmRepository
   */
  record Attempt(
      ReleaseAction action, String chartVersion, String revisionDigest, String configDigest) {}
}
