package dev.fluxlab.embedded.apply;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.IterativePollInterval;

/**
 * Waits until applied objects are healthy ({@link Health.State#CURRENT}), as Flux's wait does, and
 * words a timeout the way Flux reports it. Each poll reads only the objects not yet Current, so a
 * wait costs about one read per object plus one per poll of the slowest, not one read of every
 * object per poll.
 */
public final class HealthWait {
  /**
   * Polls start 5 ms apart and double up to 50 ms: a workload is usually Current a few milliseconds
   * after it is applied, and a reconcile worker waits on it meanwhile, so the first polls decide a
   * large fleet's time; later ones need not press the API server.
   */
  private static final Duration FIRST_POLL = Duration.ofMillis(5);

  private static final Duration POLL = Duration.ofMillis(50);

  private final Applier applier;

  public HealthWait(Applier applier) {
    this.applier = applier;
  }

  /** Null when every object is Current within the timeout, else Flux's timeout message. */
  public String until(List<InventoryEntry> objects, Duration timeout) {
    return until(objects, timeout, Health::of, Map.of());
  }

  /** The same, starting from {@code observed} (see below). */
  public String until(
      List<InventoryEntry> objects,
      Duration timeout,
      Map<InventoryEntry, GenericKubernetesResource> observed) {
    return until(objects, timeout, Health::of, observed);
  }

  /**
   * The same, with {@code judge} deciding each live object's health (a Kustomization's
   * healthCheckExprs); it is given null for an object that does not exist. {@code observed} holds
   * objects as the API server returned them a moment ago (the apply's responses): one judged
   * Current there is not read again, which spares a read per object that is healthy as soon as it
   * exists (a ConfigMap, a Service, an unchanged Deployment). Any other is read as before.
   */
  public String until(
      List<InventoryEntry> objects,
      Duration timeout,
      Function<GenericKubernetesResource, Health.State> judge,
      Map<InventoryEntry, GenericKubernetesResource> observed) {
    Function<InventoryEntry, Health.State> health = e -> judge.apply(applier.live(e));
    if (objects.isEmpty()) {
      return null;
    }
    long start = System.nanoTime();
    Map<InventoryEntry, Health.State> states = new LinkedHashMap<>();
    for (InventoryEntry e : objects) {
      GenericKubernetesResource seen = observed.get(e);
      states.put(
          e,
          seen != null && judge.apply(seen) == Health.State.CURRENT ? Health.State.CURRENT : null);
    }
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(new IterativePollInterval(HealthWait::nextPoll, FIRST_POLL))
          .until(() -> settled(states, health));
    } catch (ConditionTimeoutException e) {
      List<String> waiting = new ArrayList<>();
      states.forEach(
          (entry, state) -> {
            if (state != Health.State.CURRENT) {
              waiting.add(
                  entry + " status: '" + (state == null ? health.apply(entry) : state) + "'");
            }
          });
      return "timeout waiting for: [" + String.join(", ", waiting) + "]";
    }
    List<String> stalled = new ArrayList<>();
    states.forEach(
        (entry, state) -> {
          if (state == Health.State.FAILED) {
            stalled.add(entry + " status: 'Failed'");
          }
        });
    if (stalled.isEmpty()) {
      return null;
    }
    return "health check failed after "
        + Duration.ofNanos(System.nanoTime() - start).toMillis()
        + "ms: failed early due to stalled resources: ["
        + String.join(", ", stalled)
        + "]";
  }

  private static Duration nextPoll(Duration previous) {
    Duration doubled = previous.multipliedBy(2);
    return doubled.compareTo(POLL) > 0 ? POLL : doubled;
  }

  /**
   * Reads the objects not yet Current: all Current, or one Failed, ends the wait (Flux stops
   * waiting early for stalled objects).
   */
  private static boolean settled(
      Map<InventoryEntry, Health.State> states, Function<InventoryEntry, Health.State> health) {
    boolean allCurrent = true;
    for (Map.Entry<InventoryEntry, Health.State> e : states.entrySet()) {
      if (e.getValue() == Health.State.CURRENT) {
        continue;
      }
      Health.State state = health.apply(e.getKey());
      e.setValue(state);
      if (state == Health.State.FAILED) {
        return true;
      }
      allCurrent &= state == Health.State.CURRENT;
    }
    return allCurrent;
  }
}
