package dev.fluxlab.junit;

import dev.fluxlab.scenario.Action;
import dev.fluxlab.scenario.Expectation;
import dev.fluxlab.scenario.ObjectRef;
import dev.fluxlab.scenario.Step;
import java.time.Duration;

/**
 * What an object should look like, checked on every cluster (or one): {@link #now()} asserts at
 * once, {@link #eventually()} waits up to the environment's {@code timeout.ready} (or {@link
 * #within}). Build it, then state the expectation: {@code env.flux(KUSTOMIZATION, "flux-system",
 * "apps").eventually().isReady()}.
 */
public final class ObjectExpectation {
  private final FluxLabEnvironment env;
  private final ObjectRef target;
  private String cluster;
  private boolean waitFor;
  private Duration timeout;

  ObjectExpectation(FluxLabEnvironment env, ObjectRef target) {
    this.env = env;
    this.target = target;
  }

  /** Only on this cluster. */
  public ObjectExpectation onCluster(String name) {
    this.cluster = name;
    return this;
  }

  /** Check once, now. */
  public ObjectExpectation now() {
    this.waitFor = false;
    return this;
  }

  /** Wait until the expectation holds, up to {@code timeout.ready}. */
  public ObjectExpectation eventually() {
    this.waitFor = true;
    return this;
  }

  public ObjectExpectation within(Duration limit) {
    this.waitFor = true;
    this.timeout = limit;
    return this;
  }

  /** Ready is True for the current generation, and any requested reconcile was handled. */
  public ObjectExpectation isReady() {
    return check(new Expectation(true, null, null, null, null, null, null, null, false));
  }

  /** Ready is False with this reason. */
  public ObjectExpectation isNotReady(String reason) {
    return check(new Expectation(false, reason, null, null, null, null, null, null, false));
  }

  public ObjectExpectation hasRevision(String revision) {
    return check(new Expectation(null, null, null, revision, null, null, null, null, false));
  }

  public ObjectExpectation hasMessageContaining(String text) {
    return check(new Expectation(null, null, text, null, null, null, null, null, false));
  }

  public ObjectExpectation hasField(String path, Object value) {
    return check(new Expectation(null, null, null, null, null, path, value, null, false));
  }

  public ObjectExpectation hasFieldContaining(String path, String text) {
    return check(new Expectation(null, null, null, null, null, path, null, text, false));
  }

  public ObjectExpectation isAbsent() {
    return check(new Expectation(null, null, null, null, null, null, null, null, true));
  }

  private ObjectExpectation check(Expectation expectation) {
    env.execute(
        new Step(
            target + ": " + expectation.describe(),
            cluster,
            timeout,
            new Action.Check(target, expectation, waitFor, null)));
    return this;
  }
}
