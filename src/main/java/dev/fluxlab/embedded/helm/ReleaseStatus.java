package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import dev.fluxlab.util.GoDuration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes a HelmRelease's status and events as helm-controller does: the Ready and Released
 * conditions, the {@code lastAttempted*} fields of the latest install or upgrade, and {@code
 * history} read back from the release storage (newest first).
 */
final class ReleaseStatus {
  static final String RELEASED = "Released";
  static final String REMEDIATED = "Remediated";
  static final String RECONCILING = "Reconciling";
  private static final int HISTORY = 5;

  private final ClusterContext ctx;
  private final ReleaseStorage storage;

  ReleaseStatus(ClusterContext ctx, ReleaseStorage storage) {
    this.ctx = ctx;
    this.storage = storage;
  }

  /** The release could not be attempted (source, values, dependencies). */
  void notReady(GenericKubernetesResource obj, String reason, String message) {
    write(obj, status -> Condition.notReady(reason, message).writeTo(status, gen(obj)));
    ctx.events().warning(obj, HelmReleaseController.COMPONENT, reason, message);
  }

  void succeeded(
      GenericKubernetesResource obj,
      HelmReleaseSpec spec,
      HelmReleaseController.Attempt attempt,
      String reason,
      String message,
      boolean dropFailures) {
    List<Object> history = history(spec);
    write(
        obj,
        status -> {
          attempted(status, obj, spec, attempt, history);
          if (dropFailures) {
            // RetryOnFailure: the counts only matter while the release is failed, and
            // helm-controller drops them on success.
            status.remove("installFailures");
            status.remove("upgradeFailures");
            status.remove("failures");
          }
          Condition.ready(reason, message).writeTo(status, gen(obj));
          new Condition(RELEASED, "True", reason, message).writeTo(status, gen(obj));
          Condition.remove(status, REMEDIATED);
          Condition.remove(status, Condition.STALLED);
          Condition.remove(status, RECONCILING);
        });
    ctx.events().normal(obj, HelmReleaseController.COMPONENT, reason, message);
  }

  void failed(
      GenericKubernetesResource obj,
      HelmReleaseSpec spec,
      HelmReleaseController.Attempt attempt,
      String reason,
      String message) {
    List<Object> history = history(spec);
    write(
        obj,
        status -> {
          attempted(status, obj, spec, attempt, history);
          Condition.notReady(reason, message).writeTo(status, gen(obj));
          new Condition(RELEASED, "False", reason, message).writeTo(status, gen(obj));
          Condition.remove(status, REMEDIATED); // each new attempt starts unremediated
        });
    ctx.events().warning(obj, HelmReleaseController.COMPONENT, reason, message);
  }

  /**
   * Counts one more failure of {@code action}: {@code status.installFailures} or {@code
   * upgradeFailures}, and the total {@code failures}.
   */
  void countFailure(GenericKubernetesResource obj, ReleaseAction action, int actionFailures) {
    write(
        obj,
        status -> {
          status.put(Remediation.counter(action), actionFailures);
          long total = status.get("failures") instanceof Number n ? n.longValue() : 0;
          status.put("failures", total + 1);
        });
  }

  /**
   * A failed release was remediated (rolled back or uninstalled): Remediated=True, and Ready=False
   * with the same reason and message, as helm-controller summarises it.
   */
  void remediated(
      GenericKubernetesResource obj, HelmReleaseSpec spec, String reason, String message) {
    List<Object> history = history(spec);
    write(
        obj,
        status -> {
          status.put("history", history);
          if (!history.isEmpty()) {
            status.put("lastReleaseRevision", ((Map<?, ?>) history.get(0)).get("version"));
          }
          new Condition(REMEDIATED, "True", reason, message).writeTo(status, gen(obj));
          Condition.notReady(reason, message).writeTo(status, gen(obj));
        });
    ctx.events().normal(obj, HelmReleaseController.COMPONENT, reason, message);
  }

  /**
   * A failure under the RetryOnFailure strategy: Reconciling=True ProgressingWithRetry until the
   * next attempt, as helm-controller marks it, and no remediation.
   */
  void retrying(GenericKubernetesResource obj, java.time.Duration interval) {
    write(
        obj,
        status ->
            new Condition(
                    RECONCILING,
                    "True",
                    "ProgressingWithRetry",
                    "retrying after " + GoDuration.goString(interval))
                .writeTo(status, gen(obj)));
  }

  /** Retries are exhausted (or there is nothing to roll back to): Stalled=True. */
  void stalled(GenericKubernetesResource obj, String reason, String message) {
    write(
        obj,
        status ->
            new Condition(Condition.STALLED, "True", reason, message).writeTo(status, gen(obj)));
  }

  /**
   * Nothing to release: the deployed revision is current. Ready reflects it again (a transient
   * failure such as an unready source is over).
   */
  void inSync(GenericKubernetesResource obj, HelmReleaseSpec spec, Release deployed) {
    ReleaseAction action = deployed.version() == 1 ? ReleaseAction.INSTALL : ReleaseAction.UPGRADE;
    String message = succeeded(action, deployed);
    List<Object> history = history(spec);
    write(
        obj,
        status -> {
          status.put("history", history);
          Condition.remove(status, REMEDIATED);
          Condition.remove(status, Condition.STALLED);
          Condition.remove(status, RECONCILING);
          Condition current = Condition.read(status, Condition.READY);
          if (current == null || !current.isTrue()) {
            Condition.ready(action.succeededReason(), message).writeTo(status, gen(obj));
          }
        });
  }

  /** helm-controller's words for a successful install or upgrade. */
  static String succeeded(ReleaseAction action, Release release) {
    return "Helm "
        + action.verb()
        + " succeeded for release "
        + release.namespace()
        + "/"
        + release.name()
        + ".v"
        + release.version()
        + " with chart "
        + release.chartName()
        + "@"
        + release.chartVersion();
  }

  private static void attempted(
      Map<String, Object> status,
      GenericKubernetesResource obj,
      HelmReleaseSpec spec,
      HelmReleaseController.Attempt attempt,
      List<Object> history) {
    if (spec.usesChartRef()) {
      status.remove("helmChart"); // helm-controller makes no HelmChart for a chartRef
    } else {
      status.put("helmChart", spec.helmChart());
    }
    status.put("storageNamespace", spec.storageNamespace());
    status.put("lastAttemptedRevision", attempt.chartVersion());
    if (attempt.revisionDigest() != null) {
      status.put("lastAttemptedRevisionDigest", attempt.revisionDigest());
    } else {
      status.remove("lastAttemptedRevisionDigest");
    }
    status.put("lastAttemptedConfigDigest", attempt.configDigest());
    status.put("lastAttemptedGeneration", gen(obj));
    status.put("lastAttemptedReleaseAction", attempt.action().verb());
    status.put("history", history);
    if (!history.isEmpty()) {
      status.put("lastReleaseRevision", ((Map<?, ?>) history.get(0)).get("version"));
    }
  }

  private List<Object> history(HelmReleaseSpec spec) {
    List<Object> snapshots = new ArrayList<>();
    for (Release r : storage.history(spec.storageNamespace(), spec.releaseName())) {
      if (snapshots.size() == HISTORY) {
        break;
      }
      snapshots.add(r.snapshot());
    }
    return snapshots;
  }

  private void write(GenericKubernetesResource obj, Consumer<Map<String, Object>> change) {
    ctx.status().update(FluxCrds.HELM_RELEASE, obj, change);
  }

  private static long gen(GenericKubernetesResource obj) {
    return StatusWriter.generationOf(obj);
  }
}
