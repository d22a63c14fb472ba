package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.ops.Waits;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What a scenario created in the live clusters, deleted in reverse order of creation when the
 * scenario ends (after its catch and finally steps, so they still see it).
 */
final class Cleanup {
  private record Created(String cluster, ObjectRef ref) {}

  private final Deque<Created> created = new ArrayDeque<>();

  void created(String cluster, ObjectRef ref) {
    created.push(new Created(cluster, ref));
  }

  boolean isEmpty() {
    return created.isEmpty();
  }

  /** Deletes everything recorded, newest first; returns what could not be deleted. */
  List<String> run(Environment env, Duration timeout) {
    ObjectProbe probe = new ObjectProbe(env);
    List<String> failures = new ArrayList<>();
    while (!created.isEmpty()) {
      Created c = created.pop();
      try {
        probe.resource(c.cluster(), c.ref()).delete();
        Waits.until(
            "the deletion of " + c.ref() + " on " + c.cluster(),
            timeout,
            () -> probe.get(c.cluster(), c.ref()) == null,
            () -> "it still exists");
      } catch (RuntimeException e) {
        failures.add(c.ref() + " on " + c.cluster() + ": " + e.getMessage());
      }
    }
    return failures;
  }
}
