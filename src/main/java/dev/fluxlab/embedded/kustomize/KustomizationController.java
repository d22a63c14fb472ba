package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.apply.Applier;
import dev.fluxlab.embedded.apply.ApplyException;
import dev.fluxlab.embedded.apply.ApplyOptions;
import dev.fluxlab.embedded.apply.HealthWait;
import dev.fluxlab.embedded.apply.InventoryEntry;
import dev.fluxlab.embedded.rbac.Impersonation;
import dev.fluxlab.embedded.reconciler.Annotations;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Controller;
import dev.fluxlab.embedded.reconciler.CrossNamespaceAcl;
import dev.fluxlab.embedded.reconciler.Dependencies;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.References;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.embedded.spec.SpecFields;
import dev.fluxlab.util.GoDuration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize-controller's reconciler: waits for {@code dependsOn}, builds {@code spec.path} of the
 * source artifact, substitutes variables, sets {@code targetNamespace}, applies, prunes what the
 * previous inventory had and this one lacks, runs health checks, and reports all of it in status.
 */
public final class KustomizationController implements Controller {
  static final String COMPONENT = "kustomize-controller";
  private static final ApiResource TYPE = FluxCrds.KUSTOMIZATION;

  /**
   * kustomize-controller's {@code --requeue-dependency} default: a Kustomization waiting for its
   * dependsOn looks again after 30 s, not after its retryInterval. The loop also requeues it as
   * soon as the dependency becomes Ready; this is the fallback.
   */
  static final Duration DEPENDENCY_REQUEUE = Duration.ofSeconds(30);

  private final ClusterContext ctx;
  private final KustomizeBuilder builder;
  private final Dependencies dependencies;
  private final HealthWait healthWait;
  private final TerminationWait termination;
  private final Impersonation identities;
  private final CrossNamespaceAcl acl;

  /**
   * @param identities the identity each Kustomization applies as (its service account, when
   *     impersonation is enforced)
   * @param acl whether references into other namespaces are blocked
   */
  public KustomizationController(
      ClusterContext ctx,
      KustomizeBuilder builder,
      Impersonation identities,
      CrossNamespaceAcl acl) {
    this.ctx = ctx;
    this.builder = builder;
    this.dependencies = new Dependencies(ctx.objects(), TYPE);
    this.healthWait = new HealthWait(ctx.applier());
    this.termination = new TerminationWait(ctx.applier());
    this.identities = identities;
    this.acl = acl;
  }

  @Override
  public ApiResource type() {
    return TYPE;
  }

  @Override
  public Duration reconcile(GenericKubernetesResource obj) {
    Map<String, Object> spec = Maps.spec(obj);
    Duration interval = GoDuration.parse(Maps.stringOr(spec, "10m", "interval"));
    Duration retry =
        GoDuration.parse(
            Maps.stringOr(spec, Maps.stringOr(spec, "10m", "interval"), "retryInterval"));
    Duration timeout =
        GoDuration.parse(Maps.stringOr(spec, Maps.stringOr(spec, "10m", "interval"), "timeout"));

    String refused = SpecFields.KUSTOMIZATION.refusal(spec).orElse(null);
    if (refused != null) {
      fail(obj, null, SpecFields.REASON, refused);
      return retry;
    }
    CelHealthChecks healthExprs;
    try {
      healthExprs = CelHealthChecks.of(Maps.list(spec, "healthCheckExprs"));
    } catch (BuildException e) {
      fail(obj, null, e.reason(), e.getMessage());
      return retry;
    }
    String denied = acl.denied(obj);
    if (denied != null) {
      fail(obj, null, CrossNamespaceAcl.ACCESS_DENIED, denied);
      return retry;
    }
    Artifact artifact;
    try {
      artifact = sourceArtifact(obj);
    } catch (BuildException e) {
      fail(obj, null, e.reason(), e.getMessage());
      return retry;
    }
    if (artifact == null) {
      // The source is fetching or publishing an artifact: its status update wakes this
      // Kustomization, which then applies the revision the source reports, as Flux does.
      return DEPENDENCY_REQUEUE;
    }
    String revision = artifact.revision();
    String waitFor = dependencies.notReadyReason(obj, revision);
    if (waitFor != null) {
      fail(obj, null, "DependencyNotReady", waitFor);
      return DEPENDENCY_REQUEUE;
    }
    KubernetesClient identity = identities.clientFor(obj);
    Applier.Result applied;
    try {
      List<GenericKubernetesResource> objects = render(obj, spec, artifact);
      applied =
          ctx.applier()
              .apply(objects, identity, COMPONENT, new ApplyOptions(Maps.bool(spec, "force")));
    } catch (BuildException e) {
      fail(obj, revision, e.reason(), e.getMessage());
      return retry;
    } catch (ApplyException e) {
      fail(obj, revision, "ReconciliationFailed", e.getMessage());
      return retry;
    }

    List<String> changes = new ArrayList<>(applied.changes());
    if (Maps.bool(spec, "prune")) {
      try {
        changes.addAll(ctx.applier().prune(stale(obj, applied.inventory()), identity));
      } catch (ApplyException e) {
        fail(obj, revision, "PruneFailed", e.getMessage());
        return retry;
      }
    }
    if (!changes.isEmpty()) {
      ctx.events().normal(obj, COMPONENT, "ReconciliationSucceeded", String.join("\n", changes));
    }

    List<InventoryEntry> toCheck = healthChecks(obj, spec, applied.inventory());
    String unhealthy = healthWait.until(toCheck, timeout, healthExprs::judge, applied.observed());
    ctx.status()
        .update(
            TYPE,
            obj,
            status -> {
              long gen = StatusWriter.generationOf(obj);
              status.put("inventory", Map.of("entries", entriesOf(applied.inventory())));
              status.put("lastAttemptedRevision", revision);
              if (unhealthy != null) {
                Condition.notReady("HealthCheckFailed", unhealthy).writeTo(status, gen);
                new Condition("Healthy", "False", "HealthCheckFailed", unhealthy)
                    .writeTo(status, gen);
                return;
              }
              status.put("lastAppliedRevision", revision);
              Condition.ready("ReconciliationSucceeded", "Applied revision: " + revision)
                  .writeTo(status, gen);
              if (toCheck.isEmpty()) {
                Condition.remove(status, "Healthy");
              } else {
                new Condition("Healthy", "True", "Succeeded", "Health check passed")
                    .writeTo(status, gen);
              }
            });
    if (unhealthy != null) {
      ctx.events().warning(obj, COMPONENT, "HealthCheckFailed", unhealthy);
      return retry;
    }
    return interval;
  }

  private Artifact sourceArtifact(GenericKubernetesResource obj) {
    Map<String, Object> ref = References.sourceRef(obj);
    String kind = Maps.string(ref, "kind");
    String name = Maps.string(ref, "name");
    String ns = Maps.stringOr(ref, obj.getMetadata().getNamespace(), "namespace");
    if (!FluxCrds.GIT_REPOSITORY.kind().equals(kind)
        && !FluxCrds.OCI_REPOSITORY.kind().equals(kind)) {
      throw new BuildException(
          "ArtifactFailed",
          "source kind '"
              + kind
              + "' is not served by fluxlab's embedded backend (only GitRepository and"
              + " OCIRepository)");
    }
    GenericKubernetesResource source =
        ctx.objects()
            .get(
                FluxCrds.GIT_REPOSITORY.kind().equals(kind)
                    ? FluxCrds.GIT_REPOSITORY
                    : FluxCrds.OCI_REPOSITORY,
                ns,
                name);
    if (source == null) {
      throw new BuildException(
          "ArtifactFailed", "Source '" + kind + "/" + ns + "/" + name + "' not found");
    }
    Artifact stored = ctx.artifacts().get(kind, ns, name).orElse(null);
    if (stored != null && published(source, stored)) {
      return stored;
    }
    if (stored != null || inFirstReconcile(source)) {
      return null;
    }
    throw new BuildException("ArtifactFailed", "Source artifact not found, retrying in 30s");
  }

  /**
   * Whether the source's status already reports the stored artifact. Flux reads the artifact from
   * the source's status; applying one that is stored but not yet published would be repeated when
   * the status arrives, since that status update wakes the Kustomization again.
   */
  private static boolean published(GenericKubernetesResource source, Artifact stored) {
    Map<String, Object> reported = Maps.map(source.getAdditionalProperties(), "status", "artifact");
    return stored.revision().equals(reported.get("revision"))
        && stored.digest().equals(reported.get("digest"));
  }

  /**
   * A source that is not suspended and has no Ready condition yet is still in its first fetch, and
   * its status update will wake its Kustomizations. Flux reports "Source artifact not found" for
   * that moment too; here it is skipped because nothing but a race produces it, and a deploy that
   * saw it with the source already Ready took it for a failure and asked for one more reconcile (a
   * second pass over every object the root Kustomization applies).
   */
  private static boolean inFirstReconcile(GenericKubernetesResource source) {
    Map<String, Object> status = Maps.map(source.getAdditionalProperties(), "status");
    return !Maps.bool(Maps.spec(source), "suspend")
        && Condition.read(status, Condition.READY) == null;
  }

  private List<GenericKubernetesResource> render(
      GenericKubernetesResource obj, Map<String, Object> spec, Artifact artifact) {
    Decryption decryption =
        Decryption.of(
            spec, obj.getMetadata().getNamespace(), ctx.client(), ctx.scratchDir().resolve("sops"));
    List<Map<String, Object>> docs =
        builder.build(
            artifact, Maps.string(spec, "path"), KustomizationOverlay.of(spec), decryption);
    if (decryption != null) {
      docs = decryption.decryptResources(docs);
    }
    Map<String, Object> postBuild = Maps.map(spec, "postBuild");
    if (!postBuild.isEmpty()) {
      docs =
          new PostBuild(ctx.client(), obj.getMetadata().getNamespace()).substitute(docs, postBuild);
    }
    Decryption.requireDecrypted(docs);
    CommonMetadata common = CommonMetadata.of(spec);
    List<GenericKubernetesResource> objects = new ArrayList<>();
    for (Map<String, Object> doc : docs) {
      GenericKubernetesResource o =
          ctx.client()
              .getKubernetesSerialization()
              .convertValue(doc, GenericKubernetesResource.class);
      if (o.getMetadata() == null) {
        throw new BuildException("BuildFailed", "object without metadata: kind " + o.getKind());
      }
      common.applyTo(o);
      Map<String, String> labels = new LinkedHashMap<>();
      if (o.getMetadata().getLabels() != null) {
        labels.putAll(o.getMetadata().getLabels());
      }
      labels.put(Annotations.KUSTOMIZE_NAME, obj.getMetadata().getName());
      labels.put(Annotations.KUSTOMIZE_NAMESPACE, obj.getMetadata().getNamespace());
      o.getMetadata().setLabels(labels);
      objects.add(o);
    }
    return objects;
  }

  private static List<InventoryEntry> stale(
      GenericKubernetesResource obj, List<InventoryEntry> now) {
    List<InventoryEntry> stale = new ArrayList<>();
    for (Object e : Maps.list(obj.getAdditionalProperties(), "status", "inventory", "entries")) {
      InventoryEntry old = InventoryEntry.parse(e);
      if (old != null && now.stream().noneMatch(old::sameObject)) {
        stale.add(old);
      }
    }
    return stale;
  }

  private static List<InventoryEntry> healthChecks(
      GenericKubernetesResource obj, Map<String, Object> spec, List<InventoryEntry> inventory) {
    if (Maps.bool(spec, "wait")) {
      return inventory;
    }
    List<InventoryEntry> checks = new ArrayList<>();
    for (Object hc : Maps.list(spec, "healthChecks")) {
      String apiVersion = Maps.stringOr(hc, "v1", "apiVersion");
      int slash = apiVersion.indexOf('/');
      checks.add(
          new InventoryEntry(
              Maps.stringOr(hc, obj.getMetadata().getNamespace(), "namespace"),
              Maps.string(hc, "name"),
              slash < 0 ? "" : apiVersion.substring(0, slash),
              Maps.string(hc, "kind"),
              slash < 0 ? apiVersion : apiVersion.substring(slash + 1)));
    }
    return checks;
  }

  private static List<Object> entriesOf(List<InventoryEntry> inventory) {
    return new ArrayList<>(inventory.stream().map(InventoryEntry::toStatus).toList());
  }

  private void fail(
      GenericKubernetesResource obj, String attemptedRevision, String reason, String message) {
    ctx.status()
        .update(
            TYPE,
            obj,
            status -> {
              if (attemptedRevision != null) {
                status.put("lastAttemptedRevision", attemptedRevision);
              }
              Condition.notReady(reason, message).writeTo(status, StatusWriter.generationOf(obj));
            });
    ctx.events().warning(obj, COMPONENT, reason, message);
  }

  /**
   * Flux's finalizer: a deleted Kustomization takes its objects with it as its {@code
   * deletionPolicy} says (MirrorPrune, the default: when prune is on), unless it is suspended.
   */
  @Override
  public void deleted(GenericKubernetesResource lastKnown) {
    ctx.events().forget(lastKnown);
    Map<String, Object> spec = Maps.spec(lastKnown);
    DeletionPolicy policy = DeletionPolicy.of(spec);
    if (!policy.deletes(Maps.bool(spec, "prune")) || Maps.bool(spec, "suspend")) {
      return;
    }
    if (ctx.client().namespaces().withName(lastKnown.getMetadata().getNamespace()).get() == null) {
      // Deleted with its namespace (a tenant offboarded): the namespace takes its objects along,
      // and the identity it would prune as is gone with it.
      return;
    }
    List<InventoryEntry> objects = stale(lastKnown, List.of());
    List<String> deleted = ctx.applier().prune(objects, identities.clientFor(lastKnown));
    if (!deleted.isEmpty()) {
      ctx.events()
          .normal(lastKnown, COMPONENT, eventReason(lastKnown, "info"), String.join("\n", deleted));
    }
    if (policy == DeletionPolicy.WAIT_FOR_TERMINATION) {
      String left = termination.until(objects, timeoutOf(spec));
      if (left != null) {
        ctx.events()
            .warning(
                lastKnown,
                COMPONENT,
                eventReason(lastKnown, "error"),
                "failed to wait for resources termination");
      }
    }
  }

  /** kustomize-controller names its events after the Ready reason, else the severity. */
  private static String eventReason(GenericKubernetesResource obj, String severity) {
    Condition ready =
        Condition.read(Maps.map(obj.getAdditionalProperties(), "status"), Condition.READY);
    return ready == null || ready.reason() == null ? severity : ready.reason();
  }

  private static Duration timeoutOf(Map<String, Object> spec) {
    return GoDuration.parse(Maps.stringOr(spec, Maps.stringOr(spec, "10m", "interval"), "timeout"));
  }
}
