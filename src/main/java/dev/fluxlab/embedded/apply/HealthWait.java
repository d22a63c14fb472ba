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
    long start = System.nanoTime();
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(() -> settled(objects));
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
    List<String> stalled = new ArrayList<>();
    for (InventoryEntry entry : objects) {
      if (health(entry) == Health.State.FAILED) {
        stalled.add(entry + " status: 'Failed'");
      }
    }
    if (stalled.isEmpty()) {
      return null;
    }
    return "health check failed after "
        + Duration.ofNanos(System.nanoTime() - start).toMillis()
        + "ms: failed early due to stalled resources: ["
        + String.join(", ", stalled)
        + "]";
  }

  /** All Current, or one Failed: Flux stops waiting early for stalled objects. */
  private boolean settled(List<InventoryEntry> objects) {
    boolean allCurrent = true;
    for (InventoryEntry e : objects) {
      Health.State state = health(e);
      if (state == Health.State.FAILED) {
        return true;
      }
      allCurrent &= state == Health.State.CURRENT;
    }
    return allCurrent;
  }

  private Health.State health(InventoryEntry entry) {
    return Health.of(applier.live(entry));
  }
}
