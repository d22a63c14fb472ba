package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * Judges whether an applied object is healthy the way kstatus (which Flux's wait and healthChecks
 * use) does: workloads when the current generation is observed and every replica is updated and
 * available; Flux objects when Ready is True for the current generation (Failed when Stalled);
 * objects with no status conventions as soon as they exist.
 */
public final class Health {
  /** kstatus' verdicts, as Flux prints them. */
  public enum State {
    CURRENT("Current"),
    IN_PROGRESS("InProgress"),
    FAILED("Failed"),
    NOT_FOUND("NotFound");

    private final String text;

    State(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private Health() {}

  public static State of(GenericKubernetesResource obj) {
    if (obj == null) {
      return State.NOT_FOUND;
    }
    Map<String, Object> status = Maps.map(obj.getAdditionalProperties(), "status");
    Map<String, Object> spec = Maps.spec(obj);
    long generation =
        obj.getMetadata().getGeneration() == null ? 0 : obj.getMetadata().getGeneration();
    Object observed = status.get("observedGeneration");
    boolean generationObserved = observed instanceof Number n && n.longValue() >= generation;
    switch (obj.getKind()) {
      case "Deployment", "StatefulSet", "ReplicaSet" -> {
        long replicas = spec.get("replicas") instanceof Number n ? n.longValue() : 1;
        boolean ready =
            generationObserved
                && number(status, "updatedReplicas") >= replicas
                && number(status, "readyReplicas") >= replicas
                && (obj.getKind().equals("StatefulSet")
                    || number(status, "availableReplicas") >= replicas);
        return ready ? State.CURRENT : State.IN_PROGRESS;
      }
      case "DaemonSet" -> {
        boolean ready =
            generationObserved
                && number(status, "numberAvailable") >= number(status, "desiredNumberScheduled");
        return ready ? State.CURRENT : State.IN_PROGRESS;
      }
      default -> {
        Condition ready = Condition.read(status, Condition.READY);
        if (ready == null) {
          // Flux objects always get a Ready condition from their controller: until then they are
          // still being reconciled (a freshly applied HelmRelease must not count as healthy).
          // The exception: a HelmRepository of type oci, static data that source-controller leaves
          // with an empty status, which kstatus calls Current.
          boolean fluxKind =
              obj.getApiVersion() != null && obj.getApiVersion().contains(".toolkit.fluxcd.io/");
          boolean staticSource =
              "HelmRepository".equals(obj.getKind())
                  && "oci".equals(spec.get("type"))
                  && observed == null;
          return fluxKind && !staticSource ? State.IN_PROGRESS : State.CURRENT;
        }
        if (!generationObserved) {
          return State.IN_PROGRESS;
        }
        Condition stalled = Condition.read(status, Condition.STALLED);
        if (stalled != null && stalled.isTrue()) {
          return State.FAILED;
        }
        // Ready=False without Stalled is still being retried: kstatus calls it InProgress.
        return ready.isTrue() ? State.CURRENT : State.IN_PROGRESS;
      }
    }
  }

  private static long number(Map<String, Object> status, String field) {
    return status.get(field) instanceof Number n ? n.longValue() : 0;
  }
}
