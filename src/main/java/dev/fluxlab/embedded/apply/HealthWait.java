package dev.fluxlab.embedded.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until applied objects are healthy ({@link Health.State#CURRENT}), as Flux's wait does, and
 * words a timeout the way Flux reports it.
 */
public final class HealthWait {
  private static final Duration POLL = Duration.ofMillis(50);

  private final Applier applier;

  public HealthWait(Applier applier) {
    this.applier = applier;
  }

  /** Null when every object is Current within the timeout, else Flux's timeout message. */
  public String until(List<InventoryEntry> objects, Duration timeout) {
    if (objects.isEmpty()) {
      return null;
    }
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(() -> objects.stream().allMatch(e -> health(e) == Health.State.CURRENT));
      return null;
    } catch (ConditionTimeoutException e) {
      List<String> waiting = new ArrayList<>();
      for (InventoryEntry entry : objects) {
        Health.State state = health(entry);
        if (state != Health.State.CURRENT) {
          waiting.add(entry + " status: '" + state + "'");
        }
      }
      return "timeout waiting for: [" + String.join(", ", waiting) + "]";
    }
  }

  private Health.State health(InventoryEntry entry) {
    return Health.of(applier.live(entry));
  }
}
