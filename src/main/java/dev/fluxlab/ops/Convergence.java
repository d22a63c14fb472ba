package dev.fluxlab.ops;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** Reads every Flux object of an environment and waits for all of them to be Ready. */
public final class Convergence {
  private static final Duration POLL = Duration.ofMillis(25);

  private Convergence() {}

  /** All Flux objects of all clusters, in `flux get all` order per cluster. */
  public static List<ObjectStatus> snapshot(Environment env) {
    List<ObjectStatus> rows = new ArrayList<>();
    for (String cluster : env.clusters()) {
      for (FluxKind kind : FluxKind.values()) {
        for (var obj : env.flux(cluster).list(kind)) {
          rows.add(ObjectStatus.of(cluster, kind, obj));
        }
      }
    }
    return rows;
  }

  /**
   * Waits until every Flux object on every cluster is Ready for its current generation.
   *
   * @throws FluxLabException naming the objects that are not, with their messages, on timeout
   */
  public static List<ObjectStatus> awaitAllReady(Environment env, Duration timeout) {
    AtomicReference<List<ObjectStatus>> last = new AtomicReference<>(List.of());
    try {
      await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(
              () -> {
                List<ObjectStatus> rows = snapshot(env);
                last.set(rows);
                return !rows.isEmpty() && rows.stream().allMatch(ObjectStatus::settled);
              });
      return last.get();
    } catch (ConditionTimeoutException e) {
      List<String> waiting = new ArrayList<>();
      for (ObjectStatus s : last.get()) {
        if (!s.settled()) {
          waiting.add(s.cluster() + ": " + s.id() + " " + s.reason() + ": " + s.message());
        }
      }
      throw new FluxLabException(
          "not all Flux objects became Ready within "
              + GoDuration.format(timeout)
              + (waiting.isEmpty()
                  ? " (no Flux objects found)"
                  : ": " + String.join("; ", waiting)));
    }
  }
}
