package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.GoDuration;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * helm-controller's {@code RetryOnFailure} strategy of an action ({@code spec.install.strategy} or
 * {@code spec.upgrade.strategy}): a failed action is neither rolled back nor uninstalled and never
 * stalls; it is tried again (as an upgrade of the failed release, like {@code flux reconcile hr
 * --force}) every {@code retryInterval}, 5 minutes unless set. The default strategy, {@code
 * RemediateOnFailure}, is {@link Remediation}'s.
 */
final class RetryStrategy {
  static final String NAME = "RetryOnFailure";
  private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  private RetryStrategy() {}

  /** The retry interval when {@code action}'s strategy is RetryOnFailure; empty otherwise. */
  static Optional<Duration> interval(Map<String, Object> spec, ReleaseAction action) {
    String field = action == ReleaseAction.INSTALL ? "install" : "upgrade";
    Map<String, Object> strategy = Maps.map(spec, field, "strategy");
    if (!NAME.equals(Maps.string(strategy, "name"))) {
      return Optional.empty();
    }
    String interval = Maps.string(strategy, "retryInterval");
    return Optional.of(interval == null ? DEFAULT_INTERVAL : GoDuration.parse(interval));
  }
}
