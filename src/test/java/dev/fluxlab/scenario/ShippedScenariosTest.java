package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Scenarios;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.ops.TestEnvironments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every scenario in scenarios/ passes end to end on a fresh embedded environment of its layout. */
class ShippedScenariosTest {
  static Stream<String> scenarios() {
    return Scenarios.names().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void passesOnTheEmbeddedBackend(String name, @TempDir Path state) {
    Scenario declared =
        new ScenarioLoader(Settings.defaults()).loadAll(Scenarios.find(name)).get(0);
    Settings settings =
        TestEnvironments.settings(state, "env.name=" + name, "layout=" + declared.layout());
    // A matrix file's scenarios run one after the other on the same environment.
    List<Scenario> scenarios = new ScenarioLoader(settings).loadAll(Scenarios.find(name));
    List<String> log = new ArrayList<>();
    try (Environment env = TestEnvironments.deploy(settings)) {
      for (Scenario scenario : scenarios) {
        ScenarioResult result =
            new ScenarioRunner(env, settings.readyTimeout(), log::add).run(scenario);

        assertThat(result.passed()).as(String.join("\n", log)).isTrue();
        assertThat(result.steps()).extracting(StepResult::passed).containsOnly(true);
      }
    } finally {
      Teardown.run(state, name);
    }
  }

  /**
   * The scenarios that need pods (scenarios/pods/, run by PodinfoServesOnRealNodesTest on real
   * nodes) are not among run all's, and they load: a typo in them fails here, not after a node
   * build.
   */
  @org.junit.jupiter.api.Test
  void theScenariosForRealPodsLoadAndAreNotRunEverywhere() throws Exception {
    Path dir = Scenarios.directory().resolve("pods");
    try (Stream<Path> files = java.nio.file.Files.list(dir)) {
      List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
      assertThat(yaml).isNotEmpty();
      for (Path file : yaml) {
        List<Scenario> loaded = new ScenarioLoader(Settings.defaults()).loadAll(file);
        assertThat(loaded).isNotEmpty();
        assertThat(Scenarios.names()).doesNotContain(loaded.get(0).name());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void theRequiredScenariosShip() {
    assertThat(Scenarios.names())
        .contains(
            "new-release",
            "drift-correction",
            "prune",
            "suspend-resume",
            "depends-on-order",
            "bad-commit-recovery",
            "sops-rotation",
            "sops-wrong-key",
            "tenant-release",
            "tenant-isolation",
            "tenant-cross-namespace-ref",
            "tenant-offboarding",
            "tenant-drift");
  }
}
