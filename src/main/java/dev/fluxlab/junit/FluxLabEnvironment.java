package dev.fluxlab.junit;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.config.Settings;
import dev.fluxlab.scenario.Action;
import dev.fluxlab.scenario.ObjectRef;
import dev.fluxlab.scenario.Scenario;
import dev.fluxlab.scenario.ScenarioLoader;
import dev.fluxlab.scenario.ScenarioResult;
import dev.fluxlab.scenario.ScenarioRunner;
import dev.fluxlab.scenario.Step;
import dev.fluxlab.scenario.StepResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A deployed environment as a test sees it, in the vocabulary of scenario files: edit and push a
 * file, reconcile, wait for or assert an object's state, change live objects, run a scenario file.
 * Every check that fails throws an {@link AssertionError} naming the object, what was expected,
 * what was seen and the object's last Flux message.
 */
public final class FluxLabEnvironment {
  private final Environment env;
  private final Settings settings;
  private final ScenarioRunner runner;

  FluxLabEnvironment(Environment env, Settings settings) {
    this.env = env;
    this.settings = settings;
    this.runner = new ScenarioRunner(env, settings.readyTimeout(), line -> {});
  }

  /** The underlying handle: git URLs, credentials, kubeconfigs. */
  public Environment environment() {
    return env;
  }

  public List<String> clusters() {
    return env.clusters();
  }

  /** A Kubernetes client for a cluster. */
  public KubernetesClient client(String cluster) {
    return env.client(cluster);
  }

  /**
   * Starts a change to a file of the synced repository ({@code fleet}); finish with {@code push}.
   */
  public GitChange edit(String file) {
    return new GitChange(this, "fleet", file);
  }

  /** Asks Flux to reconcile an object on every cluster and waits until it was handled. */
  public FluxLabEnvironment reconcile(FluxKind kind, String namespace, String name) {
    execute(
        new Step(
            "reconcile " + kind.kind() + " " + namespace + "/" + name,
            null,
            null,
            new Action.Reconcile(new ObjectRef(null, kind.kind(), namespace, name))));
    return this;
  }

  /** Expectations on a Flux object. */
  public ObjectExpectation flux(FluxKind kind, String namespace, String name) {
    return new ObjectExpectation(this, new ObjectRef(null, kind.kind(), namespace, name));
  }

  /** Expectations on any object. */
  public ObjectExpectation object(String apiVersion, String kind, String namespace, String name) {
    return new ObjectExpectation(this, new ObjectRef(apiVersion, kind, namespace, name));
  }

  /** Reads a live object on a cluster, or null. */
  public GenericKubernetesResource get(
      String cluster, String apiVersion, String kind, String namespace, String name) {
    var op = env.client(cluster).genericKubernetesResources(apiVersion, kind);
    return namespace == null
        ? op.withName(name).get()
        : op.inNamespace(namespace).withName(name).get();
  }

  /** Changes a field of a live object on every cluster (or one), as someone with kubectl would. */
  public FluxLabEnvironment change(
      String cluster,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      String path,
      Object value) {
    execute(
        new Step(
            "change " + kind + " " + namespace + "/" + name + " " + path,
            cluster,
            null,
            new Action.ChangeObject(
                new ObjectRef(apiVersion, kind, namespace, name), path, value)));
    return this;
  }

  /** Runs a scenario file; fails with the first failing step. */
  public ScenarioResult runScenario(Path file) {
    Scenario scenario = new ScenarioLoader(settings).load(file);
    ScenarioResult result = runner.run(scenario);
    if (!result.passed()) {
      StepResult failed = result.failure();
      throw new AssertionError(
          "scenario "
              + scenario.name()
              + " failed at step '"
              + failed.name()
              + "': "
              + failed.message());
    }
    return result;
  }

  Duration timeout() {
    return settings.readyTimeout();
  }

  void execute(Step step) {
    StepResult result = runner.run(step);
    if (!result.passed()) {
      throw new AssertionError(result.message());
    }
  }
}
