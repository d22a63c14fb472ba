package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A typo or a misplaced field is a load error naming the file, the step and the field. */
class ScenarioSchemaTest {
  private final ScenarioLoader loader = new ScenarioLoader(Settings.defaults());

  static Stream<String> shipped() {
    return Scenarios.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void everyShippedScenarioValidates(String name) throws Exception {
    Path file = Scenarios.find(name);
    assertThatCode(() -> ScenarioSchema.validate(file.toString(), Files.readString(file)))
        .doesNotThrowAnyException();
  }

  @Test
  void theShippedSchemaIsTheOneOnTheClasspath() throws Exception {
    Path inRepo = Scenarios.directory().getParent().resolve("schema/scenario.schema.json");
    assertThat(ScenarioSchema.text()).isEqualTo(Files.readString(inRepo));
  }

  @Test
  void aMisspelledExpectationIsAnErrorNotAPass() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "typo.yaml",
                    """
                    name: typo
                    steps:
                      - reconcile: {kind: ks, namespace: flux-system, name: apps}
                      - assert:
                          kind: Kustomization
                          namespace: flux-system
                          name: apps
                          field: spec.path
                          equal: ./wrong
                    """))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("typo.yaml: step 2: unknown field 'assert.equal'");
  }

  @Test
  void aFieldAtTheWrongLevelIsAnError() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "misplaced.yaml",
                    "name: x\nsteps:\n  - assert: {kind: ks, name: a, ready: true}\n    reason: X\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("misplaced.yaml: step 1: unknown field 'reason'");
  }

  @Test
  void aStepOptionOnAnActionThatIgnoresItIsAnError() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "during.yaml",
                    "name: x\nsteps:\n  - reconcile: {kind: ks, name: a}\n    during: 10s\n"))
        .hasMessage("during.yaml: step 1: field 'during' only applies to wait, assert and error");
  }

  @Test
  void aWrongTypeNamesTheField() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "type.yaml",
                    "name: x\nsteps:\n  - wait: {kind: ks, name: a, ready: \"yes\"}\n"))
        .hasMessageStartingWith("type.yaml: step 1: field 'wait.ready': ");
  }

  @Test
  void anUnknownTopLevelFieldIsNamed() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "top.yaml",
                    "name: x\nlayuot: multi-cluster\nsteps:\n  - reconcile: {kind: ks, name: a}\n"))
        .hasMessage("top.yaml: unknown field 'layuot'");
  }

  @Test
  void aLogsStepWithAnUnknownFieldIsAnErrorNamingIt() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "logs.yaml",
                    "name: x\nsteps:\n  - logs: {namespace: podinfo, selector: app=podinfo, tial: 5}\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("logs.yaml: step 1: unknown field 'logs.tial'");
  }

  @Test
  void aLogsStepNeedsANamespaceAndAPositiveTail() {
    assertThatThrownBy(
            () -> loader.parse("ns.yaml", "name: x\nsteps:\n  - logs: {selector: app=podinfo}\n"))
        .hasMessage("ns.yaml: step 1: field 'logs': required property 'namespace' not found");
    assertThatThrownBy(
            () ->
                loader.parse(
                    "tail.yaml", "name: x\nsteps:\n  - logs: {namespace: podinfo, tail: 0}\n"))
        .hasMessage("tail.yaml: step 1: field 'logs.tail': must have a minimum value of 1");
  }
}
