package dev.fluxlab.scenario;

import java.time.Duration;

/** How one step went; {@code message} explains a failure. */
public record StepResult(String name, boolean passed, Duration duration, String message) {}
