package dev.fluxlab.embedded.kustomize;

import dev.fluxlab.embedded.apply.Applier;
import dev.fluxlab.embedded.apply.InventoryEntry;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits until deleted objects are gone (finalizers done), for {@code WaitForTermination}. */
final class TerminationWait {
  private static final Duration POLL = Duration.ofMillis(100);

  private final Applier applier;

  TerminationWait(Applier applier) {
    this.applier = applier;
  }

  /** Null when all are gone within the timeout, else which are left. */
  String until(List<InventoryEntry> objects, Duration timeout) {
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(() -> objects.stream().allMatch(e -> applier.live(e) == null));
      return null;
    } catch (ConditionTimeoutException e) {
      return objects.stream().filter(o -> applier.live(o) != null).toList().toString();
    }
  }
}
