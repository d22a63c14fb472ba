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
}
