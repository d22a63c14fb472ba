package dev.fluxlab.embedded.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.embedded.apply.Health;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** healthCheckExprs judged as Flux's CEL status reader judges them. */
class CelHealthChecksTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static final CelHealthChecks CHECKS =
      CelHealthChecks.of(
          List.<Object>of(
              Map.of(
                  "apiVersion", "example.com/v1",
                  "kind", "Widget",
                  "inProgress", "status.phase == 'Pending'",
                  "failed", "status.conditions.exists(c, c.type == 'Ready' && c.status == 'False')",
                  "current",
                      "status.conditions.filter(c, c.type == 'Ready').all(c, c.status == 'True')"),
              Map.of("apiVersion", "other.example.com/v1", "current", "has(spec.size)")));

  private static GenericKubernetesResource widget(String yaml) {
    return JSON.convertValue(Yaml.map(yaml), GenericKubernetesResource.class);
  }

  @Test
  void currentWhenTheCurrentExpressionHolds() {
    assertThat(
            CHECKS.judge(
                widget(
                    """
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata: {name: w, generation: 2}
                    status:
                      observedGeneration: 2
                      phase: Running
                      conditions: [{type: Ready, status: "True"}]
                    """)))
        .isEqualTo(Health.State.CURRENT);
  }

  @Test
  void inProgressComesBeforeFailedAndCurrent() {
    assertThat(
            CHECKS.judge(
                widget(
                    """
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata: {name: w}
                    status:
                      phase: Pending
                      conditions: [{type: Ready, status: "False"}]
                    """)))
        .isEqualTo(Health.State.IN_PROGRESS);
  }

  @Test
  void failedWhenTheFailedExpressionHolds() {
    assertThat(
            CHECKS.judge(
                widget(
                    """
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata: {name: w}
                    status:
                      phase: Running
                      conditions: [{type: Ready, status: "False"}]
                    """)))
        .isEqualTo(Health.State.FAILED);
  }

  @Test
  void inProgressWhileTheGenerationIsNotObserved() {
    assertThat(
            CHECKS.judge(
                widget(
                    """
                    apiVersion: example.com/v1
                    kind: Widget
                    metadata: {name: w, generation: 3}
                    status:
                      observedGeneration: 2
                      conditions: [{type: Ready, status: "True"}]
                    """)))
        .isEqualTo(Health.State.IN_PROGRESS);
  }

  @Test
  void anEntryWithoutKindCoversTheWholeGroup() {
    String thing = "apiVersion: other.example.com/v1\nkind: Thing\nmetadata: {name: t}\n";
    assertThat(CHECKS.judge(widget(thing + "spec: {size: 1}\n"))).isEqualTo(Health.State.CURRENT);
    assertThat(CHECKS.judge(widget(thing))).isEqualTo(Health.State.IN_PROGRESS);
  }

  @Test
  void otherKindsKeepKstatus() {
    GenericKubernetesResource configMap =
        widget("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
    assertThat(CHECKS.judge(configMap)).isEqualTo(Health.of(configMap));
  }

  @Test
  void anExpressionThatDoesNotParseIsATerminalConfigurationError() {
    assertThatThrownBy(
            () ->
                CelHealthChecks.of(
                    List.<Object>of(Map.of("apiVersion", "v1", "kind", "Pod", "current", "a ==="))))
        .isInstanceOfSatisfying(
            BuildException.class,
            e -> {
              assertThat(e.reason()).isEqualTo("InvalidCELExpression");
              assertThat(e.getMessage())
                  .startsWith(
                      "Reconciliation failed terminally due to configuration error: failed to"
                          + " create custom status evaluator for healthchecks[0]: failed to parse"
                          + " the expression Current: failed to parse the CEL expression 'a ===':");
            });
  }

  @Test
  void currentIsRequired() {
    assertThatThrownBy(
            () -> CelHealthChecks.of(List.<Object>of(Map.of("apiVersion", "v1", "kind", "Pod"))))
        .hasMessageEndingWith("healthchecks[0]: expression Current not specified");
  }
}
