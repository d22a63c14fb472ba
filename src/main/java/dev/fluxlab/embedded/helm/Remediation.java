package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * helm-controller's failure remediation for one action ({@code spec.install.remediation} or {@code
 * spec.upgrade.remediation}): how many failures are retried, whether the last one is remediated
 * too, and how (an install is always remediated by uninstalling, an upgrade by rolling back unless
 * the strategy says uninstall).
 *
 * @param retries retries after the first failure; negative: unlimited
 * @param remediateLastFailure whether the failure that exhausts the retries is remediated as well
 * @param uninstall remediate by uninstalling (else by rolling back)
 */
record Remediation(int retries, boolean remediateLastFailure, boolean uninstall) {

  /** The remediation for {@code action} as {@code spec} configures it, with Flux's defaults. */
  static Remediation of(Map<String, Object> spec, ReleaseAction action) {
    String field = action == ReleaseAction.INSTALL ? "install" : "upgrade";
    Map<String, Object> r = Maps.map(spec, field, "remediation");
    int retries = r.get("retries") instanceof Number n ? n.intValue() : 0;
    Object last = r.get("remediateLastFailure");
    boolean remediateLast =
        last instanceof Boolean b ? b : action == ReleaseAction.UPGRADE && retries > 0;
    boolean uninstall =
        action == ReleaseAction.INSTALL || "uninstall".equals(Maps.string(r, "strategy"));
    return new Remediation(retries, remediateLast, uninstall);
  }

  /** Flux's RetriesExhausted: more failures than retries. */
  boolean exhausted(int failures) {
    return retries >= 0 && failures > retries;
  }

  /** Whether a failure (the {@code failures}-th) is remediated. */
  boolean remediates(int failures) {
    return !exhausted(failures) || remediateLastFailure;
  }

  /** {@code status.installFailures} or {@code status.upgradeFailures}. */
  static String counter(ReleaseAction action) {
    return action == ReleaseAction.INSTALL ? "installFailures" : "upgradeFailures";
  }

  /**
   * The failures counted so far for {@code action}; zero once the release target (generation, chart
   * version or values) differs from the last attempt, as helm-controller resets them.
   */
  static int failures(
      GenericKubernetesResource obj, ReleaseAction action, String chartVersion, String digest) {
    Map<String, Object> status = Maps.map(obj.getAdditionalProperties(), "status");
    Object gen = status.get("lastAttemptedGeneration");
    long generation =
        obj.getMetadata().getGeneration() == null ? 0 : obj.getMetadata().getGeneration();
    boolean sameTarget =
        gen instanceof Number g
            && g.longValue() == generation
            && chartVersion.equals(status.get("lastAttemptedRevision"))
            && digest.equals(status.get("lastAttemptedConfigDigest"));
    return sameTarget && status.get(counter(action)) instanceof Number n ? n.intValue() : 0;
  }
}
