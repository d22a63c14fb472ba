package dev.fluxlab.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A declarative scenario from {@code scenarios/*.yaml}: a named list of steps run against a
 * deployed environment.
 *
 * @param layout the layout it was written for, or null for any
 * @param timeouts default timeouts by step type (wait, reconcile, script, cleanup, ...); a step's
 *     own timeout wins, and settings' timeout.ready applies to the rest
 */
public record Scenario(
    String name,
    String description,
    String layout,
    String source,
    List<Step> steps,
    Map<String, Duration> timeouts) {
  public Scenario {
    steps = List.copyOf(steps);
    timeouts = Map.copyOf(timeouts);
  }
}
