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

  @Test
  void aMatrixMakesOneScenarioPerCombinationWithItsValuesBound() {
    var all =
        loader.parseAll(
            "m.yaml",
            """
            name: m
            bindings: {ns: podinfo}
            matrix:
              tier: [base, gold]
              cm: [a, b]
            steps:
              - assert: {apiVersion: v1, kind: ConfigMap, namespace: "${ns}", name: "${cm}", field: data.tier, equals: "${tier}"}
            """);

    assertThat(all)
        .extracting(Scenario::name)
        .containsExactly(
            "m[tier=base,cm=a]", "m[tier=base,cm=b]", "m[tier=gold,cm=a]", "m[tier=gold,cm=b]");
    Action.Check check = (Action.Check) all.get(3).steps().get(0).action();
    assertThat(check.target().toString()).isEqualTo("ConfigMap podinfo/b");
    assertThat(check.expectation().equalsValue()).isEqualTo("gold");
  }

  @Test
  void anIncludeExpandsTheTemplatesStepsWithItsValues(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("templates"));
    java.nio.file.Files.writeString(
        dir.resolve("templates/ready.yaml"),
        "description: a Flux object is ready\nsteps:\n  - wait: {kind: ks, namespace: flux-system, name: \"${ks}\", ready: true}\n");
    java.nio.file.Path file =
        java.nio.file.Files.writeString(
            dir.resolve("s.yaml"),
            "name: s\nsteps:\n  - name: apps\n    include: {file: templates/ready.yaml, with: {ks: apps}}\n");

    Scenario s = loader.load(file);

    assertThat(s.steps())
        .extracting(Step::name)
        .containsExactly("apps: wait Kustomization flux-system/apps: Ready=True");
  }

  @Test
  void aTemplateWithATypoIsNamedByItsOwnFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path template =
        java.nio.file.Files.writeString(
            dir.resolve("t.yaml"), "steps:\n  - wait: {kind: ks, name: a, redy: true}\n");
    java.nio.file.Path file =
        java.nio.file.Files.writeString(
            dir.resolve("s.yaml"), "name: s\nsteps:\n  - include: {file: t.yaml}\n");

    assertThatThrownBy(() -> loader.load(file))
        .hasMessage(template + ": step 1: unknown field 'wait.redy'");
  }

  @Test
  void catchWithoutTryIsRefused() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "c.yaml", "name: x\nsteps:\n  - catch:\n      - events: {namespace: a}\n"))
        .hasMessageStartingWith(
            "c.yaml: step 1: needs exactly one action, a 'try' block or an 'include'");
  }

  @Test
  void aLogsStepInACatchSelectsPodsByLabelWithContainerAndTail() {
    Scenario s =
        loader.parse(
            "l.yaml",
            """
            name: l
            steps:
              - try:
                  - script: {content: "exit 1"}
                catch:
                  - logs:
                      namespace: podinfo
                      selector: app.kubernetes.io/name=podinfo
                      container: podinfo
                      tail: 50
            """);

    Action.Block block = (Action.Block) s.steps().get(0).action();
    Step logs = block.catches().get(0);
    assertThat(logs.action())
        .isEqualTo(
            new Action.Logs("podinfo", null, "app.kubernetes.io/name=podinfo", "podinfo", 50));
    assertThat(logs.name()).isEqualTo("logs pods podinfo (app.kubernetes.io/name=podinfo)");
  }

  @Test
  void aLogsStepNamesOnePodOrEveryPodOfTheNamespace() {
    Scenario s =
        loader.parse(
            "l.yaml",
            """
            name: l
            steps:
              - logs: {namespace: flux-system, name: source-controller-0}
              - logs: {namespace: flux-system}
            """);

    assertThat(s.steps())
        .extracting(Step::name)
        .containsExactly("logs pod flux-system/source-controller-0", "logs pods flux-system");
    assertThat(s.steps().get(1).action())
        .isEqualTo(new Action.Logs("flux-system", null, null, null, null));
  }

  @Test
  void aLogsStepWithBothNameAndSelectorIsRefused() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "l.yaml",
                    "name: x\nsteps:\n  - logs: {namespace: a, name: p, selector: app=p}\n"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("l.yaml: step 1 (logs): give at most one of 'name', 'selector'");
  }
}
