package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.util.Yaml;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialMatchTest {
  private final Map<String, Object> live =
      Yaml.map(
          """
          metadata: {name: podinfo, labels: {app.kubernetes.io/name: podinfo}}
          spec:
            replicas: 2
            template:
              spec:
                containers:
                  - {name: podinfo, image: "ghcr/podinfo:6.9.0", ports: [{containerPort: 9898}]}
          status: {readyReplicas: 2}
          """);

  @Test
  void aSubtreeMatchesWhatItNamesAndIgnoresTheRest() {
    assertThat(
            PartialMatch.difference(
                Yaml.map("spec: {replicas: 2, template: {spec: {containers: [{name: podinfo}]}}}"),
                live))
        .isNull();
  }

  @Test
  void aDifferentValueIsNamedWithItsPathAndBothValues() {
    assertThat(PartialMatch.difference(Yaml.map("spec: {replicas: 3}"), live))
        .isEqualTo("spec.replicas is '2', expected 3");
    assertThat(
            PartialMatch.difference(
                Yaml.map("metadata: {labels: {app.kubernetes.io/name: other}}"), live))
        .isEqualTo("metadata.labels.app\\.kubernetes\\.io/name is 'podinfo', expected other");
  }

  @Test
  void listsMatchElementWiseAndNeedTheSameLength() {
    assertThat(
            PartialMatch.difference(
                Yaml.map(
                    "spec: {template: {spec: {containers: [{ports: [{containerPort: 9999}]}]}}}"),
                live))
        .isEqualTo(
            "spec.template.spec.containers.0.ports.0.containerPort is '9898', expected 9999");
    assertThat(
            PartialMatch.difference(
                Yaml.map("spec: {template: {spec: {containers: [{name: a}, {name: b}]}}}"), live))
        .isEqualTo("spec.template.spec.containers has 1 items, expected 2");
  }

  @Test
  void nullMeansAbsentAndAMissingFieldIsADifference() {
    assertThat(PartialMatch.difference(Yaml.map("spec: {paused: null}"), live)).isNull();
    assertThat(PartialMatch.difference(Yaml.map("status: {updatedReplicas: 2}"), live))
        .isEqualTo("status.updatedReplicas is absent, expected 2");
  }

  @Test
  void celSeesTheLiveObjectAsSelf() {
    assertThat(
            CelExpression.compile("self.status.readyReplicas == self.spec.replicas").mismatch(live))
        .isNull();
    assertThat(CelExpression.compile("self.spec.replicas > 2").mismatch(live))
        .isEqualTo("'self.spec.replicas > 2' is false");
    assertThat(CelExpression.compile("self.status.missing == 1").mismatch(live))
        .startsWith("'self.status.missing == 1' failed: ");
    assertThat(
            CelExpression.compile(
                    "self.spec.template.spec.containers.exists(c, c.image.endsWith(':6.9.0'))")
                .mismatch(live))
        .isNull();
  }

  @Test
  void aCelSyntaxErrorIsRefusedAtCompileTime() {
    assertThatThrownBy(() -> CelExpression.compile("self.spec.replicas =="))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CelExpression.compile("self.spec.replicas + 1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
