package dev.fluxlab.diff;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.GoDuration;
import dev.fluxlab.util.PacedPolling;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits until reconciliation has nothing more to do: every Flux object has a Ready condition (True
 * or False) for its current generation, or is suspended, and nothing changed for a short quiet
 * period. Unlike {@code Convergence.awaitAllReady} a failure is an outcome, not an error: a diff
 * reports what fails at head.
 */
final class Settling {
  private static final Duration POLL = Duration.ofMillis(50);

  /** Long enough for a dependent to be retried after its dependency turned Ready. */
  private static final Duration QUIET = Duration.ofMillis(800);

  private Settling() {}

  /**
   * @throws FluxLabException naming the objects still in progress when {@code timeout} passes
   */
  static void until(Environment env, Duration timeout) {
    AtomicReference<Map<String, String>> seen = new AtomicReference<>(Map.of());
    AtomicReference<List<String>> unsettled = new AtomicReference<>(List.of());
    PacedPolling pace = PacedPolling.forSnapshots(POLL);
    try {
      await()
          .atMost(timeout.plus(QUIET))
          .pollDelay(Duration.ZERO)
          .pollInterval(pace)
          .during(QUIET)
          .until(
              pace.timed(
                  () -> {
                    Map<String, String> now = new HashMap<>();
                    List<String> waiting = new ArrayList<>();
                    for (String cluster : env.clusters()) {
                      read(env, cluster, now, waiting);
                    }
                    unsettled.set(waiting);
                    boolean same = now.equals(seen.getAndSet(now));
                    return same && waiting.isEmpty() && !now.isEmpty();
                  }));
    } catch (ConditionTimeoutException e) {
      throw new FluxLabException(
          "reconciliation did not settle within "
              + GoDuration.format(timeout)
              + ": still in progress: "
              + String.join("; ", unsettled.get()));
    }
  }

  private static void read(
      Environment env, String cluster, Map<String, String> states, List<String> waiting) {
    Map<String, GenericKubernetesResource> objects = new HashMap<>();
    for (FluxKind kind : FluxKind.values()) {
      for (GenericKubernetesResource o : env.flux(cluster).list(kind)) {
        objects.put(cluster + "/" + kind.kind() + "/" + key(o), o);
      }
    }
    objects.forEach(
        (id, o) -> {
          FluxState state = FluxState.of(o);
          states.put(id, state.fingerprint());
          if (!state.settled()
              || waitsForAReadyDependency(o, state, objects, cluster)
              || waitsForAReadySource(o, state, objects, cluster)) {
            waiting.add(id + " " + state.reason());
          }
        });
  }

  /**
   * A dependent that still reports DependencyNotReady although all its dependencies are Ready is
   * about to be retried: not settled yet.
   */
  private static boolean waitsForAReadyDependency(
      GenericKubernetesResource o,
      FluxState state,
      Map<String, GenericKubernetesResource> objects,
      String cluster) {
    if (!"DependencyNotReady".equals(state.reason())) {
      return false;
    }
    String kind = o.getKind();
    for (Map<String, Object> dep : FluxState.dependsOn(o)) {
      String ns = dep.get("namespace") instanceof String s ? s : o.getMetadata().getNamespace();
      GenericKubernetesResource d =
          objects.get(cluster + "/" + kind + "/" + ns + "/" + dep.get("name"));
      if (d == null || !FluxState.of(d).isReady()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A Kustomization that found no artifact while its GitRepository has one by now is reconciled
   * again as soon as the source's watch event arrives: not settled yet.
   */
  private static boolean waitsForAReadySource(
      GenericKubernetesResource o,
      FluxState state,
      Map<String, GenericKubernetesResource> objects,
      String cluster) {
    if (!"Kustomization".equals(o.getKind()) || !"ArtifactFailed".equals(state.reason())) {
      return false;
    }
    Object ref = Maps.at(o.getAdditionalProperties(), "spec", "sourceRef");
    String ns = Maps.string(ref, "namespace");
    GenericKubernetesResource source =
        objects.get(
            cluster
                + "/"
                + Maps.string(ref, "kind")
                + "/"
                + (ns == null ? o.getMetadata().getNamespace() : ns)
                + "/"
                + Maps.string(ref, "name"));
    return source != null
        && FluxState.of(source).isReady()
        && Maps.at(source.getAdditionalProperties(), "status", "artifact") != null;
  }

  private static String key(GenericKubernetesResource o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}
