package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Scenarios;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.scenario.Scenario;
import dev.fluxlab.scenario.ScenarioLoader;
import dev.fluxlab.scenario.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenarios of scenarios/oci/ (they need the environment's registry), unchanged, on real Flux
 * (kube-local) with the registry container; EmbeddedOciScenariosTest runs them on the embedded
 * backend. Tagged: runs with scripts/e2e-real.
 */
@Tag("real-flux")
class RealFluxOciScenariosTest {
  private static Path directory() {
    return Scenarios.directory().resolve("oci");
  }

  static Stream<String> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(f -> f.endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void passesOnRealFlux(String fileName, @TempDir Path state) {
    Path file = directory().resolve(fileName);
    Scenario declared = new ScenarioLoader(Settings.defaults()).loadAll(file).get(0);
    String env = "real-" + declared.name();
    Settings settings = DockerImages.kubeLocal(state, env, null, "layout=" + declared.layout());
    List<Scenario> scenarios = new ScenarioLoader(settings).loadAll(file);
    List<String> log = new ArrayList<>();
    Path diagnostics = RealFluxRuns.diagnostics(declared.name());
    try (Environment running = RealFluxRuns.deploy(settings, diagnostics, log)) {
      for (Scenario scenario : scenarios) {
        ScenarioResult result = RealFluxRuns.run(running, scenario, settings, diagnostics, log);
        assertThat(result.passed()).as(String.join("\n", log)).isTrue();
      }
    } finally {
      Teardown.run(state, env);
    }
  }
}
