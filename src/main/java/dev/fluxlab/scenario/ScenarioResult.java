package dev.fluxlab.scenario;

import java.time.Duration;
import java.util.List;

/** The outcome of a scenario: its steps up to and including the first failure. */
public record ScenarioResult(String name, String source, List<StepResult> steps) {
  public ScenarioResult {
    steps = List.copyOf(steps);
  }

  public boolean passed() {
    return steps.stream().allMatch(StepResult::passed);
  }

  public long failedSteps() {
    return steps.stream().filter(s -> !s.passed()).count();
  }

  public Duration duration() {
    return steps.stream().map(StepResult::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** The first failed step, if any. */
  public StepResult failure() {
    return steps.stream().filter(s -> !s.passed()).findFirst().orElse(null);
  }
}
