package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxLabException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a scenario's steps in order against an environment, through git and the clusters' APIs only,
 * so the same scenario runs on every backend. Stops at the first failing step.
 */
public final class ScenarioRunner {
  private final Environment env;
  private final Duration defaultTimeout;
  private final Consumer<String> progress;
  private final ObjectProbe probe;
  private final Cleanup cleanup = new Cleanup();
  private final Manifests manifests;
  private final ScriptStep scripts;
  private final HttpStep http;
  private final EditStep edits;
  private final CheckStep checks;
  private final ObjectStep objects;
  private final Evidence evidence;

  /** Default timeouts by step type, from the scenario running. */
  private Map<String, Duration> timeouts = Map.of();

  /** Outputs of earlier steps ({@code output: name}), bound as {@code ${name}}. */
  private final Map<String, String> outputs = new LinkedHashMap<>();

  /** Whether the default collectors ran already (once, at the first failure). */
  private boolean collected;

  public ScenarioRunner(Environment env, Duration defaultTimeout, Consumer<String> progress) {
    this.env = env;
    this.defaultTimeout = defaultTimeout;
    this.progress = progress;
    this.probe = new ObjectProbe(env);
    this.manifests = new Manifests(env, cleanup);
    this.scripts = new ScriptStep(env);
    this.http = new HttpStep(env);
    this.edits = new EditStep(env);
    this.checks = new CheckStep(probe);
    this.objects = new ObjectStep(env, probe);
    this.evidence = new Evidence(env);
  }

  public ScenarioResult run(Scenario scenario) {
    // A runner may run several scenarios (the JUnit extension): nothing carries over.
    timeouts = scenario.timeouts();
    outputs.clear();
    edits.reset();
    collected = false;
    progress.accept(
        "scenario "
            + scenario.name()
            + (scenario.description().isEmpty() ? "" : ": " + scenario.description()));
    List<StepResult> results = new ArrayList<>();
    for (Step step : scenario.steps()) {
      if (!runInto(step, "", results)) {
        break;
      }
    }
    if (!cleanup.isEmpty()) {
      StepResult cleaned = cleanUp();
      results.add(cleaned);
      report(cleaned);
    }
    ScenarioResult outcome = new ScenarioResult(scenario.name(), scenario.source(), results);
    progress.accept(
        "  "
            + (outcome.passed() ? "passed" : "FAILED")
            + " in "
            + outcome.duration().toMillis()
            + " ms");
    return outcome;
  }

  /**
   * Runs a step (a block: its parts) and adds its results, the default collectors after the
   * scenario's first failure; true when it passed.
   */
  private boolean runInto(Step step, String prefix, List<StepResult> results) {
    if (step.action() instanceof Action.Block block) {
      return runBlock(block, prefix + step.name() + " / ", results);
    }
    StepResult result = run(step);
    result =
        new StepResult(
            prefix + result.name(),
            result.passed(),
            result.duration(),
            result.message(),
            result.output());
    results.add(result);
    report(result);
    if (!result.passed() && !collected) {
      collected = true;
      StepResult evidence = collectEvidence(step);
      results.add(evidence);
      report(evidence);
    }
    return result.passed();
  }

  /** try until a step fails; then every catch step; every finally step in any case. */
  private boolean runBlock(Action.Block block, String prefix, List<StepResult> results) {
    boolean passed = true;
    for (Step s : block.tries()) {
      if (!runInto(s, prefix, results)) {
        passed = false;
        break;
      }
    }
    if (!passed) {
      for (Step s : block.catches()) {
        runInto(s, prefix + "catch: ", results);
      }
    }
    for (Step s : block.finals()) {
      passed &= runInto(s, prefix + "finally: ", results);
    }
    return passed;
  }

  private StepResult collectEvidence(Step failed) {
    long start = System.nanoTime();
    try {
      return new StepResult(
          "collect: Flux objects and events", true, since(start), null, evidence.onFailure(failed));
    } catch (RuntimeException e) {
      return new StepResult(
          "collect: Flux objects and events",
          false,
          since(start),
          "the default collectors failed: " + e.getMessage());
    }
  }

  private void report(StepResult result) {
    progress.accept(
        String.format(
            "  %s %-60s %6d ms%s",
            result.passed() ? "ok  " : "FAIL",
            result.name(),
            result.duration().toMillis(),
            result.passed() ? "" : "\n       " + result.message()));
    if (result.output() != null && !result.output().isBlank()) {
      result.output().lines().forEach(l -> progress.accept("       | " + l));
    }
  }

  /** Deletes what the scenario's apply steps created, newest first. */
  private StepResult cleanUp() {
    long start = System.nanoTime();
    List<String> failures = cleanup.run(env, timeouts.getOrDefault("cleanup", defaultTimeout));
    return new StepResult(
        "cleanup",
        failures.isEmpty(),
        since(start),
        failures.isEmpty() ? null : "could not delete " + String.join("; ", failures));
  }

  /** Runs one step; a failure is reported in the result, never thrown. */
  public StepResult run(Step step) {
    long start = System.nanoTime();
    try {
      Step bound = withOutputs(step);
      String output = execute(bound);
      return new StepResult(bound.name(), true, since(start), null, output);
    } catch (FluxLabException | IllegalArgumentException e) {
      return new StepResult(step.name(), false, since(start), e.getMessage());
    } catch (RuntimeException e) {
      // An API or git failure is a failed step too, with the cause named.
      return new StepResult(
          step.name(), false, since(start), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The step re-read with the outputs of earlier steps bound, when it refers to any. */
  @SuppressWarnings("unchecked")
  private Step withOutputs(Step step) {
    if (step.raw() == null
        || outputs.isEmpty()
        || !Bindings.refersTo(step.raw(), outputs.keySet())) {
      return step;
    }
    Map<String, Object> raw = (Map<String, Object>) Bindings.expandTree(step.raw(), outputs);
    return StepParser.step(raw, step.where(), step.source());
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** Does what the step says; returns what it collected, or null. */
  private String execute(Step step) {
    Duration timeout =
        step.timeout() != null
            ? step.timeout()
            : timeouts.getOrDefault(step.type() == null ? "" : step.type(), defaultTimeout);
    List<String> clusters =
        step.cluster() == null ? env.clusters() : List.of(checkCluster(step.cluster()));
    Action a = step.action();
    if (a instanceof Action.EditFile edit) {
      edits.run(edit);
    } else if (a instanceof Action.Reconcile r) {
      for (String c : clusters) {
        objects.reconcile(c, r.target(), timeout);
      }
    } else if (a instanceof Action.Check check) {
      checks.run(clusters, check, timeout);
    } else if (a instanceof Action.ChangeObject change) {
      for (String c : clusters) {
        objects.change(c, change);
      }
    } else if (a instanceof Action.DeleteObject delete) {
      for (String c : clusters) {
        objects.delete(c, delete.target());
      }
    } else if (a instanceof Action.Apply apply) {
      for (String c : clusters) {
        manifests.apply(c, apply);
      }
    } else if (a instanceof Action.Patch patch) {
      for (String c : clusters) {
        manifests.patch(c, patch);
      }
    } else if (a instanceof Action.Run run) {
      requireOneCluster(run.output(), clusters);
      StringBuilder out = new StringBuilder();
      for (String c : clusters) {
        String stdout = scripts.run(c, run, timeout);
        if (run.output() != null) {
          outputs.put(run.output(), stdout);
        }
        out.append(stdout.isEmpty() ? "" : stdout + "\n");
      }
      return out.toString();
    } else if (a instanceof Action.Http request) {
      requireOneCluster(request.output(), clusters);
      StringBuilder out = new StringBuilder();
      for (String c : clusters) {
        String body = http.run(c, request, timeout);
        if (request.output() != null) {
          outputs.put(request.output(), body);
        }
        out.append(c).append(": ").append(body).append("\n");
      }
      return out.toString();
    } else if (a instanceof Action.Collect collect) {
      StringBuilder out = new StringBuilder();
      for (String c : clusters) {
        out.append(evidence.collect(c, collect));
      }
      return out.toString();
    } else if (a instanceof Action.Logs logs) {
      StringBuilder out = new StringBuilder();
      for (String c : clusters) {
        out.append(evidence.collect(c, logs));
      }
      return out.toString();
    } else if (a instanceof Action.Suspend s) {
      for (String c : clusters) {
        objects.suspend(c, s);
      }
    } else {
      // A block is run by runInto; anything else here is an action the runner does not know.
      throw new FluxLabException("cannot run " + a.getClass().getSimpleName() + " as one step");
    }
    return null;
  }

  /** An output binds one value: a step that names one must run on one cluster. */
  private static void requireOneCluster(String output, List<String> clusters) {
    if (output != null && clusters.size() > 1) {
      throw new FluxLabException(
          "a step with 'output' needs 'cluster' (it would run on " + clusters + ")");
    }
  }

  private String checkCluster(String cluster) {
    env.kubeconfig(cluster); // throws naming the known clusters
    return cluster;
  }
}
