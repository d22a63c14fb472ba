package dev.fluxlab.embedded.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.ops.TestEnvironments;
import dev.fluxlab.scenario.Scenario;
import dev.fluxlab.scenario.ScenarioLoader;
import dev.fluxlab.scenario.ScenarioResult;
import dev.fluxlab.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec-field repositories ({@link SpecFieldScenarios}) on the embedded backend: each supported
 * field's effect on the applied objects, checked field by field. The same scenarios run on real
 * Flux in {@code RealFluxSpecFieldsTest} (scripts/e2e-real); both check the same values, so a field
 * that passes here and fails there is a disagreement.
 */
class SpecFieldFidelityTest {
  static Stream<Path> scenarios() {
    return SpecFieldScenarios.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void fieldsHaveFluxsEffectOnTheEmbeddedBackend(Path file, @TempDir Path state) {
    String name = SpecFieldScenarios.name(file);
    Settings settings = TestEnvironments.settings(state, "env.name=" + name, "clusters=staging");
    Scenario scenario = new ScenarioLoader(settings).load(file);
    List<String> log = new ArrayList<>();
    try (Environment env = TestEnvironments.deploy(settings)) {
      ScenarioResult result =
          new ScenarioRunner(env, settings.readyTimeout(), log::add).run(scenario);
      assertThat(result.passed()).as(String.join("\n", log)).isTrue();
      assertThat(result.steps()).hasSize(scenario.steps().size());
    } finally {
      Teardown.run(state, name);
    }
  }
}
