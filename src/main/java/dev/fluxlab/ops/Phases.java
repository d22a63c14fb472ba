package dev.fluxlab.ops;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs named steps, timing each and reporting it as it completes ("phase ... 412ms"). */
public final class Phases {
  /** A completed step. */
  public record Phase(String name, Duration duration) {}

  private final Consumer<String> progress;
  private final List<Phase> done = new ArrayList<>();

  public Phases(Consumer<String> progress) {
    this.progress = progress;
  }

  public <T> T run(String name, Supplier<T> step) {
    long start = System.nanoTime();
    T result = step.get();
    Duration d = Duration.ofNanos(System.nanoTime() - start);
    done.add(new Phase(name, d));
    progress.accept(String.format("  %-40s %6d ms", name, d.toMillis()));
    return result;
  }

  public void run(String name, Runnable step) {
    run(
        name,
        () -> {
          step.run();
          return null;
        });
  }

  public Duration total() {
    return done.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
  }
}
