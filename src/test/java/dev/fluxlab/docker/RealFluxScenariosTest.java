package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Scenarios;
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
 * Every shipped scenario, unchanged, on the docker backend with real components: Gitea, the
 * Kubernetes control plane with kwok nodes, and Flux's own source, kustomize and helm controllers
 * (kube-local), or, with {@code -Dfluxlab.realProvider=kube-node}, the same in a cluster whose node
 * runs pods (Flux's controllers in it). The same scenarios pass on the embedded backend
 * (ShippedScenariosTest); a scenario that passes on one and fails on the other is a bug. Tagged:
 * runs with scripts/e2e-real.
 */
@Tag("real-flux")
class RealFluxScenariosTest {
  /** Every shipped scenario, or those named in {@code -Dfluxlab.scenarios=a,b}. */
  static Stream<String> scenarios() {
    String only = System.getProperty("fluxlab.scenarios", "");
    if (only.isBlank()) {
      return Scenarios.names().stream();
    }
    List<String> named = List.of(only.split("\\s*,\\s*"));
    List<String> unknown = named.stream().filter(n -> !Scenarios.names().contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "-Dfluxlab.scenarios: no shipped scenario named " + String.join(", ", unknown));
    }
    return named.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void passesOnRealFlux(String name, @TempDir Path state) {
    Scenario declared =
        new ScenarioLoader(Settings.defaults()).loadAll(Scenarios.find(name)).get(0);
    String env = "real-" + name;
    Settings settings = DockerImages.realProvider(state, env, null, "layout=" + declared.layout());
    List<Scenario> scenarios = new ScenarioLoader(settings).loadAll(Scenarios.find(name));
    List<String> log = new ArrayList<>();
    try (Environment running = RealFluxRuns.deploy(settings, diagnostics(name), log)) {
      for (Scenario scenario : scenarios) {
        ScenarioResult result =
            RealFluxRuns.run(running, scenario, settings, diagnostics(name), log);
        assertThat(result.passed()).as(String.join("\n", log)).isTrue();
      }
    } finally {
      Teardown.run(state, env);
    }
  }

  private static Path diagnostics(String scenario) {
    return RealFluxRuns.diagnostics(scenario);
  }
}
