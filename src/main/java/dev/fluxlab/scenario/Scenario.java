package dev.fluxlab.scenario;

import java.util.List;

/**
 * A declarative scenario from {@code scenarios/*.yaml}: a named list of steps run against a
 * deployed environment.
 *
 * @param layout the layout it was written for, or null for any
 */
public record Scenario(
    String name, String description, String layout, String source, List<Step> steps) {
  public Scenario {
    steps = List.copyOf(steps);
  }
}
