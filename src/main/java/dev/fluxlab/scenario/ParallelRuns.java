package dev.fluxlab.scenario;

import dev.fluxlab.api.InvalidInputException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * Runs scenarios, up to N at once (each on its own environment, as the run function makes it). With
 * N = 1 progress lines stream as they come; with more, each scenario's lines are printed together
 * when it ends, so runs do not interleave. A run that cannot even start (its environment failed to
 * deploy) is a failed scenario, not the end of the others.
 */
public final class ParallelRuns {
  private final int parallel;
  private final PrintWriter out;

  public ParallelRuns(int parallel, PrintWriter out) {
    this.parallel = parallel;
    this.out = out;
  }

  /** The results in the order of {@code scenarios}. */
  public List<ScenarioResult> run(
      List<Scenario> scenarios, BiFunction<Scenario, Consumer<String>, ScenarioResult> runOne) {
    if (parallel == 1) {
      List<ScenarioResult> results = new ArrayList<>();
      for (Scenario s : scenarios) {
        results.add(guarded(s, runOne, this::print));
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<ScenarioResult>> futures = new ArrayList<>();
      for (Scenario s : scenarios) {
        futures.add(
            pool.submit(
                () -> {
                  List<String> lines = new ArrayList<>();
                  ScenarioResult r = guarded(s, runOne, lines::add);
                  synchronized (out) {
                    lines.forEach(out::println);
                    out.flush();
                  }
                  return r;
                }));
      }
      List<ScenarioResult> results = new ArrayList<>();
      for (Future<ScenarioResult> f : futures) {
        results.add(get(f));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private void print(String line) {
    out.println(line);
    out.flush();
  }

  private static ScenarioResult guarded(
      Scenario s,
      BiFunction<Scenario, Consumer<String>, ScenarioResult> runOne,
      Consumer<String> log) {
    long start = System.nanoTime();
    try {
      return runOne.apply(s, log);
    } catch (InvalidInputException e) {
      throw e;
    } catch (RuntimeException e) {
      String message = "the environment could not be deployed: " + e.getMessage();
      log.accept("scenario " + s.name() + "\n  FAIL " + message);
      return new ScenarioResult(
          s.name(),
          s.source(),
          List.of(
              new StepResult(
                  "environment", false, Duration.ofNanos(System.nanoTime() - start), message)));
    }
  }

  private static ScenarioResult get(Future<ScenarioResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
