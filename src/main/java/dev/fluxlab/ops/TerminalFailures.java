package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells a failure that waiting cannot fix from one that is still being worked on, so that a wait
 * for convergence (deploy, check, a scenario's {@code wait}) can stop with the reason instead of
 * running out its timeout.
 *
 * <p>A failure is final for the current revision when Flux marks the object {@code Stalled}, or
 * when the object failed for its current generation (a build, apply, fetch or chart error), nothing
 * else in the environment is still progressing (so nothing can still change its inputs), and one
 * more reconcile, requested as {@code flux reconcile} does once everything else has settled, fails
 * the same way. That retry is what keeps an apply error that another object was about to fix (a CRD
 * or namespace it creates) from being reported as final.
 */
public final class TerminalFailures {
  /**
   * Ready=False reasons that mean "not yet", not "failed": the object waits for something else.
   * Flux's own {@code Progressing} family and the dependency/source waits of the controllers.
   */
  private static final Set<String> WAITING_REASONS =
      Set.of("Progressing", "ProgressingWithRetry", "DependencyNotReady", "Reconciling", "");

  /** How long the confirming reconcile may take at most. */
  private static final Duration CONFIRM = Duration.ofSeconds(20);

  private TerminalFailures() {}

  /**
   * The objects of {@code snapshot} whose failure looks final: Stalled ones always; failed ones
   * only when nothing else is progressing. Pure: reads the snapshot only.
   */
  public static List<ObjectStatus> candidates(List<ObjectStatus> snapshot) {
    Map<String, ObjectStatus> byId = new HashMap<>();
    snapshot.forEach(s -> byId.put(key(s), s));
    List<ObjectStatus> stalled = snapshot.stream().filter(ObjectStatus::stalled).toList();
    if (!stalled.isEmpty()) {
      return stalled;
    }
    List<ObjectStatus> failed = snapshot.stream().filter(TerminalFailures::failed).toList();
    if (failed.isEmpty()) {
      return List.of();
    }
    for (ObjectStatus s : snapshot) {
      if (!s.settled() && !failed(s) && !blocked(s, byId)) {
        return List.of(); // still progressing: it may yet fix what failed
      }
    }
    return failed;
  }

  /**
   * The candidates that are confirmed final: Stalled ones at once, the others after one more
   * reconcile each that fails again for the same revision.
   */
  public static List<ObjectStatus> confirm(Environment env, List<ObjectStatus> candidates) {
    if (candidates.isEmpty() || candidates.stream().allMatch(ObjectStatus::stalled)) {
      return candidates;
    }
    Map<ObjectStatus, String> stamps = new LinkedHashMap<>();
    for (ObjectStatus s : candidates) {
      try {
        stamps.put(s, env.flux(s.cluster()).requestReconcile(s.kind(), s.namespace(), s.name()));
      } catch (RuntimeException e) {
        return List.of(); // deleted meanwhile: not a verdict
      }
    }
    List<ObjectStatus> confirmed = new ArrayList<>();
    try {
      Waits.until(
          "the confirming reconcile of " + ids(candidates),
          CONFIRM,
          () -> stamps.keySet().stream().allMatch(s -> current(env, s).observed()),
          () -> ids(candidates));
    } catch (RuntimeException e) {
      return List.of(); // not handled in time: keep waiting normally
    }
    for (ObjectStatus before : candidates) {
      ObjectStatus after = current(env, before);
      if (after != null && failed(after) && after.revision().equals(before.revision())) {
        confirmed.add(after);
      }
    }
    return confirmed.size() == candidates.size() ? confirmed : List.of();
  }

  /** One line per final failure: cluster, object, reason and Flux's message. */
  public static String describe(List<ObjectStatus> failures) {
    return failures.stream()
        .map(s -> s.cluster() + ": " + s.id() + " " + s.reason() + ": " + s.message())
        .collect(Collectors.joining("; "));
  }

  /** Ready=False for the current generation, for a reason other than waiting. */
  static boolean failed(ObjectStatus s) {
    return s.stalled()
        || ("False".equals(s.ready()) && s.observed() && !WAITING_REASONS.contains(s.reason()));
  }

  /** Waits for a dependency that is itself not Ready (so it will not move on its own). */
  private static boolean blocked(ObjectStatus s, Map<String, ObjectStatus> byId) {
    if (!"DependencyNotReady".equals(s.reason()) || s.dependsOn().isEmpty()) {
      return false;
    }
    return s.dependsOn().stream()
        .map(d -> byId.get(s.cluster() + " " + d))
        .anyMatch(d -> d != null && !d.settled());
  }

  private static ObjectStatus current(Environment env, ObjectStatus s) {
    var obj = env.flux(s.cluster()).get(s.kind(), s.namespace(), s.name());
    return obj == null ? null : ObjectStatus.of(s.cluster(), s.kind(), obj);
  }

  private static String key(ObjectStatus s) {
    return s.cluster() + " " + s.id();
  }

  private static String ids(List<ObjectStatus> list) {
    return list.stream().map(s -> s.cluster() + ": " + s.id()).collect(Collectors.joining(", "));
  }
}
