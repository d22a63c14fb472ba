package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.ops.TestEnvironments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks a scenario makes fail when they should, with what was expected and what was seen: a
 * harness that passes what it did not check is the worst bug it can have. One embedded environment
 * (one cluster) serves every case.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScenarioRunnerTest {
  @TempDir static Path state;
  private Settings settings;
  private Environment env;

  @BeforeAll
  void deploy() {
    settings = TestEnvironments.settings(state, "env.name=runner", "clusters=staging");
    env = TestEnvironments.deploy(settings);
  }

  @AfterAll
  void tearDown() {
    if (env != null) {
      env.close();
    }
    Teardown.run(state, "runner");
  }

  private ScenarioResult run(String yaml) {
    List<String> log = new ArrayList<>();
    Scenario scenario = new ScenarioLoader(settings).parse("test.yaml", yaml);
    return new ScenarioRunner(env, java.time.Duration.ofSeconds(20), log::add).run(scenario);
  }

  @Test
  void aPartialObjectThatDiffersFailsNamingThePathAndBothValues() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - assert:
                  apiVersion: v1
                  kind: ConfigMap
                  namespace: podinfo
                  name: podinfo-settings
                  object: {data: {tier: gold}}
            """);

    assertThat(result.passed()).isFalse();
    assertThat(result.failure().message()).contains("data.tier is 'base', expected gold");
  }

  @Test
  void aFalseExpressionFails() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - assert:
                  apiVersion: v1
                  kind: ConfigMap
                  namespace: podinfo
                  name: podinfo-settings
                  expr: "self.data.tier == 'gold'"
            """);

    assertThat(result.failure().message()).contains("'self.data.tier == 'gold'' is false");
  }

  @Test
  void aSelectorThatFindsNothingIsAFailureNotAPass() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - assert:
                  apiVersion: v1
                  kind: ConfigMap
                  namespace: podinfo
                  selector: app=nothing-has-this
                  object: {data: {tier: base}}
            """);

    assertThat(result.failure().message()).contains("no object matches the selector");
  }

  @Test
  void anErrorStepFailsWhenTheStateExists() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - error:
                  kind: Kustomization
                  namespace: flux-system
                  name: apps
                  ready: true
            """);

    assertThat(result.failure().message())
        .startsWith("expected no Kustomization flux-system/apps on staging to be Ready=True")
        .contains("apps is Ready=True");
  }

  @Test
  void whatApplyCreatedIsDeletedNewestFirstWhenTheScenarioEndsEvenAfterAFailure() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - apply:
                  manifest: |
                    apiVersion: v1
                    kind: Namespace
                    metadata: {name: runner-scratch}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: one, namespace: runner-scratch}
              - assert:
                  apiVersion: v1
                  kind: ConfigMap
                  namespace: runner-scratch
                  name: one
                  absent: true
            """);

    assertThat(result.passed()).isFalse();
    assertThat(result.steps()).extracting(StepResult::name).last().isEqualTo("cleanup");
    assertThat(result.steps().get(result.steps().size() - 1).passed()).isTrue();
    var client = env.client("staging");
    assertThat(client.configMaps().inNamespace("runner-scratch").withName("one").get()).isNull();
    assertThat(client.namespaces().withName("runner-scratch").get()).isNull();
  }

  @Test
  void aScriptsExitCodeAndOutputAreChecked() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - script:
                  content: "echo hello; exit 4"
                  stdoutContains: goodbye
            """);

    assertThat(result.failure().message())
        .isEqualTo(
            "script on staging: exit code 4 (expected 0), stdout does not contain 'goodbye';"
                + " stdout 'hello', stderr ''");
  }

  @Test
  void anHttpStepWhereNoPodsRunFailsSayingSoInsteadOfWaitingOrPassing() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - http:
                  service: podinfo/podinfo
                  path: /version
                  bodyContains: "6."
                timeout: 10m
            """);

    assertThat(result.passed()).isFalse();
    assertThat(result.failure().message())
        .isEqualTo(
            "service podinfo/podinfo/version on staging: no node of cluster staging runs pods"
                + " (the embedded backend and cluster.provider=kube-local run none), so nothing"
                + " can answer; http steps need cluster.provider=kube-node or k3s");
  }

  @Test
  void aLogsStepOnAPodThatRunsNoContainerSaysWhyAndPasses() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - apply:
                  namespace: podinfo
                  manifest: |
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: logs-probe, labels: {probe: logs}}
                    spec:
                      containers: [{name: probe, image: "stefanprodan/podinfo:6.9.0"}]
              - logs: {namespace: podinfo, selector: probe=logs, tail: 5}
            """);

    assertThat(result.passed()).as(String.valueOf(result.failure())).isTrue();
    assertThat(result.steps())
        .extracting(StepResult::name)
        .containsExactly(
            "apply Pod podinfo/logs-probe", "logs pods podinfo (probe=logs)", "cleanup");
    assertThat(result.steps().get(1).output())
        .isEqualTo(
            "--- pod podinfo/logs-probe on staging: no logs: phase Pending, not scheduled to any"
                + " node (no node of cluster staging runs pods: the embedded backend and"
                + " cluster.provider=kube-local run no containers)\n");
  }

  @Test
  void aLogsStepThatMatchesNoPodFailsInOneLineSayingWhyThereAreNone() {
    ScenarioResult podinfo =
        run(
            """
            name: t
            steps:
              - logs: {namespace: podinfo, selector: app.kubernetes.io/name=podinfo}
            """);
    ScenarioResult byName =
        run("name: t\nsteps:\n  - logs: {namespace: podinfo, name: not-there}\n");

    assertThat(podinfo.passed()).isFalse();
    assertThat(podinfo.failure().message())
        .isEqualTo(
            "no pod in podinfo on staging matches app.kubernetes.io/name=podinfo (the embedded"
                + " backend runs no workload controllers: Deployments, StatefulSets and Jobs make"
                + " no pods there)");
    assertThat(byName.failure().message()).startsWith("no pod podinfo/not-there on staging (");
  }

  @Test
  void aScriptGetsTheClustersKubeconfig() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - script:
                  content: 'grep -q "server:" "$KUBECONFIG" && echo "on $FLUXLAB_CLUSTER"'
                  stdoutContains: on staging
            """);

    assertThat(result.passed()).as(String.valueOf(result.failure())).isTrue();
  }

  @Test
  void aFailedTryRunsTheDefaultCollectorsEveryCatchStepAndFinallyBeforeCleanup() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - name: block
                try:
                  - apply:
                      namespace: podinfo
                      manifest: |
                        apiVersion: v1
                        kind: ConfigMap
                        metadata: {name: block-probe}
                  - name: the failing check
                    assert:
                      apiVersion: v1
                      kind: ConfigMap
                      namespace: podinfo
                      name: block-probe
                      object: {data: {x: y}}
                  - name: never runs
                    script: {content: "exit 0"}
                catch:
                  - name: a collector that fails
                    get: {apiVersion: v1, kind: ConfigMap, namespace: podinfo, name: not-there}
                  - name: the next catch step still runs and sees the applied object
                    get: {apiVersion: v1, kind: ConfigMap, namespace: podinfo, name: block-probe}
                  - events: {namespace: flux-system}
                finally:
                  - name: finally runs
                    script: {content: "echo finally-ran", stdoutContains: finally-ran}
              - name: a step after the failed block
                script: {content: "exit 0"}
            """);

    assertThat(result.passed()).isFalse();
    assertThat(result.steps())
        .extracting(StepResult::name, StepResult::passed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "block / apply ConfigMap podinfo/block-probe", true),
            org.assertj.core.groups.Tuple.tuple("block / the failing check", false),
            org.assertj.core.groups.Tuple.tuple("collect: Flux objects and events", true),
            org.assertj.core.groups.Tuple.tuple("block / catch: a collector that fails", false),
            org.assertj.core.groups.Tuple.tuple(
                "block / catch: the next catch step still runs and sees the applied object", true),
            org.assertj.core.groups.Tuple.tuple(
                "block / catch: events Event flux-system/null", true),
            org.assertj.core.groups.Tuple.tuple("block / finally: finally runs", true),
            org.assertj.core.groups.Tuple.tuple("cleanup", true));
    assertThat(result.steps().get(2).output())
        .contains("Flux objects on staging:")
        .contains("Kustomization/flux-system/apps Ready=True")
        .contains("Events of ConfigMap podinfo/block-probe on staging:")
        .contains(
            "Flux's controllers on staging run no pods, so there are no pod logs: the embedded"
                + " backend runs them inside fluxlab");
    assertThat(result.steps().get(3).message())
        .isEqualTo("no ConfigMap podinfo/not-there on staging");
    assertThat(result.steps().get(4).output()).contains("name: block-probe");
    assertThat(result.failure().name()).isEqualTo("block / the failing check");
    assertThat(
            env.client("staging").configMaps().inNamespace("podinfo").withName("block-probe").get())
        .isNull();
  }

  @Test
  void aFailedFinallyFailsAScenarioWhoseTryPassed() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - try:
                  - script: {content: "exit 0"}
                catch:
                  - script: {content: "echo catch-ran"}
                finally:
                  - name: finally fails
                    script: {content: "exit 1"}
            """);

    assertThat(result.passed()).isFalse();
    assertThat(result.failure().name()).isEqualTo("try script exit 0 / finally: finally fails");
    assertThat(result.steps()).extracting(StepResult::name).noneMatch(n -> n.contains("catch"));
  }

  @Test
  void anOutputIsBoundForLaterSteps() {
    ScenarioResult result =
        run(
            """
            name: t
            steps:
              - cluster: staging
                script:
                  content: "echo base"
                  output: tier
              - assert:
                  apiVersion: v1
                  kind: ConfigMap
                  namespace: podinfo
                  name: podinfo-settings
                  field: data.tier
                  equals: ${tier}
              - assert:
                  apiVersion: v1
                  kind: ConfigMap
                  namespace: podinfo
                  name: podinfo-settings
                  expr: "self.data.tier != '${tier}'"
            """);

    assertThat(result.steps().get(1).passed()).as(result.steps().get(1).message()).isTrue();
    assertThat(result.failure().message()).contains("'self.data.tier != 'base'' is false");
  }

  @Test
  void aScenarioTimeoutForATypeAppliesToItsSteps() {
    ScenarioResult result =
        run(
            """
            name: t
            timeouts: {wait: 500ms}
            steps:
              - wait:
                  apiVersion: v1
                  kind: ConfigMap
                  namespace: podinfo
                  name: podinfo-settings
                  field: data.tier
                  equals: never
            """);

    assertThat(result.failure().message()).startsWith("timed out after 500ms");
  }
}
