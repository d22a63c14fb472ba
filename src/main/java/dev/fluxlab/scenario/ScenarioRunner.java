package dev.fluxlab.scenario;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.ops.SourceFetch;
import dev.fluxlab.ops.Waits;
import dev.fluxlab.util.Conflicts;
import dev.fluxlab.util.YamlPathEditor;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;

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
  private final Evidence evidence;

  /** Default timeouts by step type, from the scenario running. */
  private Map<String, Duration> timeouts = Map.of();

  /** Outputs of earlier steps ({@code output: name}), bound as {@code ${name}}. */
  private final Map<String, String> outputs = new LinkedHashMap<>();

  /** Whether the default collectors ran already (once, at the first failure). */
  private boolean collected;

  /** File contents before each edit, newest last, for {@code revert}. */
  private final Map<String, List<String>> history = new HashMap<>();

  public ScenarioRunner(Environment env, Duration defaultTimeout, Consumer<String> progress) {
    this.env = env;
    this.defaultTimeout = defaultTimeout;
    this.progress = progress;
    this.probe = new ObjectProbe(env);
    this.manifests = new Manifests(env, cleanup);
    this.scripts = new ScriptStep(env);
    this.evidence = new Evidence(env);
  }

  public ScenarioResult run(Scenario scenario) {
    // A runner may run several scenarios (the JUnit extension): nothing carries over.
    timeouts = scenario.timeouts();
    outputs.clear();
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
      edit(edit);
    } else if (a instanceof Action.Reconcile r) {
      for (String c : clusters) {
        reconcile(c, r.target(), timeout);
      }
    } else if (a instanceof Action.Check check) {
      check(clusters, check, timeout);
    } else if (a instanceof Action.ChangeObject change) {
      for (String c : clusters) {
        change(c, change);
      }
    } else if (a instanceof Action.DeleteObject delete) {
      for (String c : clusters) {
        if (probe.get(c, delete.target()) == null) {
          throw new FluxLabException(delete.target() + " does not exist on " + c);
        }
        probe.resource(c, delete.target()).delete();
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
      if (run.output() != null && clusters.size() > 1) {
        throw new FluxLabException(
            "a step with 'output' needs 'cluster' (it would run on " + clusters + ")");
      }
      StringBuilder out = new StringBuilder();
      for (String c : clusters) {
        String stdout = scripts.run(c, run, timeout);
        if (run.output() != null) {
          outputs.put(run.output(), stdout);
        }
        out.append(stdout.isEmpty() ? "" : stdout + "\n");
      }
      return out.toString();
    } else if (a instanceof Action.Collect collect) {
      StringBuilder out = new StringBuilder();
      for (String c : clusters) {
        out.append(evidence.collect(c, collect));
      }
      return out.toString();
    } else if (a instanceof Action.Suspend s) {
      FluxKind kind = fluxKind(s.target());
      for (String c : clusters) {
        env.flux(c).setSuspended(kind, s.target().namespace(), s.target().name(), s.suspend());
      }
    } else {
      // A block is run by runInto; anything else here is an action the runner does not know.
      throw new FluxLabException("cannot run " + a.getClass().getSimpleName() + " as one step");
    }
    return null;
  }

  private String checkCluster(String cluster) {
    env.kubeconfig(cluster); // throws naming the known clusters
    return cluster;
  }

  private void edit(Action.EditFile edit) {
    String key = edit.repository() + ":" + edit.file();
    try (GitWorkspace ws = env.checkout(edit.repository())) {
      String before = ws.exists(edit.file()) ? ws.read(edit.file()) : null;
      if (edit.revert()) {
        List<String> previous = history.get(key);
        if (previous == null || previous.isEmpty()) {
          throw new FluxLabException(
              "nothing to revert: " + edit.file() + " was not edited in this scenario");
        }
        String original = previous.remove(previous.size() - 1);
        if (original == null) {
          ws.delete(edit.file());
        } else {
          ws.write(edit.file(), original);
        }
      } else {
        if (edit.delete()) {
          ws.delete(edit.file());
        } else if (edit.content() != null) {
          ws.write(edit.file(), EditEncryption.content(env.dir(), edit));
        } else if (before == null) {
          throw new FluxLabException(
              "no file " + edit.file() + " in repository " + edit.repository());
        } else if (edit.setPath() != null) {
          ws.write(edit.file(), YamlPathEditor.set(before, edit.setPath(), edit.setValue()));
        } else {
          if (!before.contains(edit.replaceText())) {
            throw new FluxLabException(
                "text '" + edit.replaceText() + "' not found in " + edit.file());
          }
          ws.write(edit.file(), before.replace(edit.replaceText(), edit.replaceWith()));
        }
        // null marks "did not exist": reverting deletes the file again.
        history.computeIfAbsent(key, k -> new ArrayList<>()).add(before);
      }
      if (ws.commitAndPush(edit.message()) == null) {
        throw new FluxLabException("the edit of " + edit.file() + " changed nothing");
      }
    }
    SourceFetch.request(env, edit.repository());
  }

  private void reconcile(String cluster, ObjectRef target, Duration timeout) {
    FluxKind kind = fluxKind(target);
    String stamp = env.flux(cluster).requestReconcile(kind, target.namespace(), target.name());
    Waits.until(
        "the reconcile of " + target + " on " + cluster,
        timeout,
        () -> stamp.equals(lastHandled(probe.get(cluster, target))),
        () -> "lastHandledReconcileAt " + lastHandled(probe.get(cluster, target)));
  }

  private static String lastHandled(GenericKubernetesResource obj) {
    Object status = obj == null ? null : obj.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> m ? String.valueOf(m.get("lastHandledReconcileAt")) : null;
  }

  private void check(List<String> clusters, Action.Check check, Duration timeout) {
    for (String c : clusters) {
      if (check.negated()) {
        refute(c, check);
        continue;
      }
      String what = check.target() + " on " + c + " to be " + check.expectation().describe();
      if (check.waitFor()) {
        Waits.until(
            what,
            timeout,
            () -> probe.mismatch(c, check.target(), check.expectation()) == null,
            () -> probe.mismatch(c, check.target(), check.expectation()));
      } else {
        String mismatch = probe.mismatch(c, check.target(), check.expectation());
        if (mismatch != null) {
          throw new FluxLabException("expected " + what + ", but " + mismatch);
        }
      }
      if (check.during() != null) {
        try {
          await()
              .during(check.during())
              .atMost(check.during().plusSeconds(5))
              .pollInterval(Waits.POLL)
              .until(() -> probe.mismatch(c, check.target(), check.expectation()) == null);
        } catch (ConditionTimeoutException e) {
          throw new FluxLabException(
              "expected "
                  + what
                  + " for "
                  + check.during().toMillis()
                  + " ms, but "
                  + probe.mismatch(c, check.target(), check.expectation()));
        }
      }
    }
  }

  /** {@code error}: no target object is in the state now (and, with during, for that long). */
  private void refute(String cluster, Action.Check check) {
    String what =
        "no " + check.target() + " on " + cluster + " to be " + check.expectation().describe();
    String hit = probe.unwanted(cluster, check.target(), check.expectation());
    if (hit == null && check.during() != null) {
      try {
        await()
            .during(check.during())
            .atMost(check.during().plusSeconds(5))
            .pollInterval(Waits.POLL)
            .until(() -> probe.unwanted(cluster, check.target(), check.expectation()) == null);
      } catch (ConditionTimeoutException e) {
        String now = probe.unwanted(cluster, check.target(), check.expectation());
        hit =
            now != null
                ? now
                : "it was so for a moment during " + check.during().toMillis() + " ms";
      }
    }
    if (hit != null) {
      throw new FluxLabException("expected " + what + ", but " + hit);
    }
  }

  private void change(String cluster, Action.ChangeObject change) {
    Conflicts.retry(() -> changeOnce(cluster, change));
  }

  @SuppressWarnings("unchecked")
  private void changeOnce(String cluster, Action.ChangeObject change) {
    GenericKubernetesResource obj = probe.get(cluster, change.target());
    if (obj == null) {
      throw new FluxLabException(change.target() + " does not exist on " + cluster);
    }
    var serialization = env.client(cluster).getKubernetesSerialization();
    Map<String, Object> map = serialization.convertValue(obj, Map.class);
    FieldPath.write(map, change.path(), change.value());
    GenericKubernetesResource updated =
        serialization.convertValue(map, GenericKubernetesResource.class);
    env.client(cluster)
        .genericKubernetesResources(
            change.target().resolvedApiVersion(), change.target().resolvedKind())
        .resource(updated)
        .update();
  }

  private static FluxKind fluxKind(ObjectRef ref) {
    return ref.fluxKind()
        .orElseThrow(
            () ->
                new FluxLabException(
                    ref.kind()
                        + " is not a Flux kind ("
                        + String.join(", ", FluxKind.names())
                        + ")"));
  }
}
