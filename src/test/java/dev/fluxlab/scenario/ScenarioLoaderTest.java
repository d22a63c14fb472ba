package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
  private final ScenarioLoader loader = new ScenarioLoader(Settings.defaults());

  @Test
  void expandsSettingsButLeavesFluxVariablesAlone() {
    Scenario s =
        loader.parse(
            "s.yaml",
            """
            name: s
            steps:
              - edit:
                  file: a.yaml
                  content: "url: ${fluxlab_chart_url} version: ${podinfo.version.next}"
            """);

    Action.EditFile edit = (Action.EditFile) s.steps().get(0).action();
    assertThat(edit.content()).isEqualTo("url: ${fluxlab_chart_url} version: 6.9.1");
  }

  @Test
  void namesTheFileAndStepOfAnUnknownAction() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "bad.yaml", "name: x\nsteps:\n  - wiat: {kind: Kustomization, name: a}\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("bad.yaml: step 1: unknown field 'wiat'");
  }

  @Test
  void requiresAnApiVersionForNonFluxKinds() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "cm.yaml",
                    "name: x\nsteps:\n  - assert: {kind: ConfigMap, name: a, namespace: b, field: data.x, equals: y}\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "cm.yaml: step 1 (assert): field 'apiVersion' is required for kind ConfigMap (only Flux kinds may omit it)");
  }

  @Test
  void anEditNeedsExactlyOneKindOfChange() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "e.yaml",
                    "name: x\nsteps:\n  - edit: {file: a.yaml, delete: true, revert: true}\n"))
        .hasMessageContaining(
            "give exactly one of set+value, replace+with, content, delete, revert");
  }

  @Test
  void rejectsABadDuration() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "d.yaml",
                    "name: x\nsteps:\n  - reconcile: {kind: ks, name: a}\n    timeout: soon\n"))
        .hasMessageContaining("d.yaml: step 1: field 'timeout'");
  }
}
