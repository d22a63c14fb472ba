package dev.fluxlab.scenario;

import java.time.Duration;

/**
 * How one step went; {@code message} explains a failure, {@code output} is what it collected
 * (collectors, a script's stdout), or null.
 */
public record StepResult(
    String name, boolean passed, Duration duration, String message, String output) {
  public StepResult(String name, boolean passed, Duration duration, String message) {
    this(name, passed, duration, message, null);
  }
}
