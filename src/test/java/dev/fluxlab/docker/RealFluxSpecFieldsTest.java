package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.spec.SpecFieldScenarios;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.scenario.Scenario;
import dev.fluxlab.scenario.ScenarioLoader;
import dev.fluxlab.scenario.ScenarioResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spec-field repositories of {@code SpecFieldFidelityTest}, unchanged, on real Flux
 * (kustomize-controller 1.9.5, helm-controller 1.6.4 on kube-local): the same objects must have the
 * same field values as on the embedded backend. Tagged: runs with scripts/e2e-real.
 */
@Tag("real-flux")
class RealFluxSpecFieldsTest {
  static Stream<Path> scenarios() {
    return SpecFieldScenarios.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void fieldsHaveTheSameEffectOnRealFlux(Path file, @TempDir Path state) {
    String env = "real-" + SpecFieldScenarios.name(file);
    Settings settings = DockerImages.kubeLocal(state, env, "staging");
    Scenario scenario = new ScenarioLoader(settings).load(file);
    List<String> log = new ArrayList<>();
    Path diagnostics = RealFluxRuns.diagnostics(env);
    try (Environment running = RealFluxRuns.deploy(settings, diagnostics, log)) {
      ScenarioResult result = RealFluxRuns.run(running, scenario, settings, diagnostics, log);
      assertThat(result.passed()).as(String.join("\n", log)).isTrue();
    } finally {
      Teardown.run(state, env);
    }
  }
}
