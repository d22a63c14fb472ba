package dev.fluxlab.diff;

import java.util.Map;
import java.util.TreeMap;

/**
 * The live state of one cluster after reconciliation: every object Flux applied (by {@link
 * ObjectId#key()}) and the outcome of every Flux object.
 */
public record ClusterState(
    String cluster, Map<String, LiveObject> objects, Map<String, FluxOutcome> outcomes) {

  public ClusterState {
    objects = new TreeMap<>(objects);
    outcomes = new TreeMap<>(outcomes);
  }

  /** A cluster that does not exist on this side of the diff. */
  public static ClusterState absent(String cluster) {
    return new ClusterState(cluster, Map.of(), Map.of());
  }

  /** The Ready condition of a Flux object after reconciliation. */
  public record FluxOutcome(
      ObjectId id, String ready, String reason, String message, boolean suspended) {
    public boolean failed() {
      return "False".equals(ready);
    }

    public boolean isReady() {
      return "True".equals(ready);
    }
  }
}
