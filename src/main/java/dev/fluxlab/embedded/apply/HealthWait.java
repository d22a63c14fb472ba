package dev.fluxlab.embedded.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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
    return until(objects, timeout, Health::of);
  }

  /**
   * The same, with {@code judge} deciding each live object's health (a Kustomization's
   * healthCheckExprs); it is given null for an object that does not exist.
   */
  public String until(
      List<InventoryEntry> objects,
      Duration timeout,
      Function<GenericKubernetesResource, Health.State> judge) {
    Function<InventoryEntry, Health.State> health = e -> judge.apply(applier.live(e));
    if (objects.isEmpty()) {
      return null;
    }
    long start = System.nanoTime();
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(() -> settled(objects, health));
    } catch (ConditionTimeoutException e) {
      List<String> waiting = new ArrayList<>();
      for (InventoryEntry entry : objects) {
        Health.State state = health.apply(entry);
        if (state != Health.State.CURRENT) {
          waiting.add(entry + " status: '" + state + "'");
        }
      }
      return "timeout waiting for: [" + String.join(", ", waiting) + "]";
    }
    List<String> stalled = new ArrayList<>();
    for (InventoryEntry entry : objects) {
      if (health.apply(entry) == Health.State.FAILED) {
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
  private static boolean settled(
      List<InventoryEntry> objects, Function<InventoryEntry, Health.State> health) {
    boolean allCurrent = true;
    for (InventoryEntry e : objects) {
      Health.State state = health.apply(e);
      if (state == Health.State.FAILED) {
        return true;
      }
      allCurrent &= state == Health.State.CURRENT;
    }
    return allCurrent;
  }
}
