package dev.fluxlab.ops;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.GoDuration;
import dev.fluxlab.util.PacedPolling;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** Reads every Flux object of an environment and waits for all of them to be Ready. */
public final class Convergence {
  private static final Duration POLL = Duration.ofMillis(25);

  /** After a confirming reconcile that did not confirm, how long until the next one. */
  private static final Duration RECONFIRM_AFTER = Duration.ofSeconds(3);

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
   * Waits until every Flux object on every cluster is Ready for its current generation, or until a
   * failure is final for the current revision (see {@link TerminalFailures}).
   *
   * @throws FluxLabException naming the objects that failed for good, with reason and message, as
   *     soon as that is known; or naming the objects that are not Ready on timeout
   */
  public static List<ObjectStatus> awaitAllReady(Environment env, Duration timeout) {
    AtomicReference<List<ObjectStatus>> last = new AtomicReference<>(List.of());
    AtomicReference<List<ObjectStatus>> terminal = new AtomicReference<>(List.of());
    AtomicLong nextConfirm = new AtomicLong(0);
    // A large fleet's snapshot is megabytes the API server serialises while it reconciles.
    PacedPolling pace = PacedPolling.forSnapshots(POLL);
    try {
      await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(pace)
          .until(
              pace.timed(
                  () -> {
                    List<ObjectStatus> rows = snapshot(env);
                    last.set(rows);
                    if (!rows.isEmpty() && rows.stream().allMatch(ObjectStatus::settled)) {
                      return true;
                    }
                    List<ObjectStatus> candidates = TerminalFailures.candidates(rows);
                    if (candidates.isEmpty() || System.nanoTime() < nextConfirm.get()) {
                      return false;
                    }
                    // One confirming reconcile per failure at a time, not one per poll.
                    nextConfirm.set(System.nanoTime() + RECONFIRM_AFTER.toNanos());
                    terminal.set(TerminalFailures.confirm(env, candidates));
                    return !terminal.get().isEmpty();
                  }));
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
    if (!terminal.get().isEmpty()) {
      throw new FluxLabException(
          "Flux objects failed for good at their current revision (not waiting out the "
              + GoDuration.format(timeout)
              + " timeout): "
              + TerminalFailures.describe(terminal.get()));
    }
    return last.get();
  }
}
