package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;

/** Reconciles one Flux kind, the way the matching Flux controller does. */
public interface Controller {
  /** The kind this controller owns. */
  ApiResource type();

  /**
   * Brings the world in line with {@code obj} and records the outcome in its status.
   *
   * @return when to reconcile again (the interval, the retry interval, or sooner while waiting)
   */
  Duration reconcile(GenericKubernetesResource obj);

  /** Called once an object is gone, with its last known state (finalizer work: pruning). */
  default void deleted(GenericKubernetesResource lastKnown) {}
}
