package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.oci.RegistryBinaryBuilt;
import dev.fluxlab.ops.Scenarios;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.ops.TestEnvironments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios of scenarios/oci/ need the environment's OCI registry (an embedded environment has
 * none where its binary is not built): they are not among the shipped scenarios run on every
 * backend, they load, and they pass on the embedded backend (RealFluxOciScenariosTest runs them on
 * real Flux).
 */
class EmbeddedOciScenariosTest {
  private static List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(Scenarios.directory().resolve("oci"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void theyLoadAndAreNotAmongTheShippedScenarios() throws IOException {
    assertThat(files()).isNotEmpty();
    for (Path file : files()) {
      List<Scenario> loaded = new ScenarioLoader(Settings.defaults()).loadAll(file);
      assertThat(loaded).isNotEmpty();
      assertThat(Scenarios.names()).doesNotContain(loaded.get(0).name());
    }
  }

  @Test
  @ExtendWith(RegistryBinaryBuilt.class)
  void chartRefUpgradePassesOnTheEmbeddedBackend(@TempDir Path state) {
    ScenarioResult result = run("chartref-upgrade.yaml", state);

    assertThat(result.steps())
        .extracting(StepResult::name)
        .contains("the release upgrades", "the Deployment runs the next version", "cleanup");
  }

  @Test
  @ExtendWith(RegistryBinaryBuilt.class)
  void ociReleasePassesOnTheEmbeddedBackend(@TempDir Path state) {
    ScenarioResult result = run("oci-release.yaml", state);

    assertThat(result.steps())
        .extracting(StepResult::name)
        .contains(
            "the release is installed from the OCI chart",
            "the OCI HelmRepository is static",
            "the release upgrades",
            "the Deployment runs the next version",
            "it is uninstalled");
  }

  /** Runs a scenario of scenarios/oci on a fresh embedded environment; every step must pass. */
  private static ScenarioResult run(String fileName, Path state) {
    Path file = Scenarios.directory().resolve("oci").resolve(fileName);
    Scenario declared = new ScenarioLoader(Settings.defaults()).loadAll(file).get(0);
    Settings settings =
        TestEnvironments.settings(
            state, "env.name=" + declared.name(), "layout=" + declared.layout());
    Scenario scenario = new ScenarioLoader(settings).loadAll(file).get(0);
    List<String> log = new ArrayList<>();
    try (Environment env = TestEnvironments.deploy(settings)) {
      ScenarioResult result =
          new ScenarioRunner(env, settings.readyTimeout(), log::add).run(scenario);

      assertThat(result.passed()).as(String.join("\n", log)).isTrue();
      assertThat(result.steps()).extracting(StepResult::passed).containsOnly(true);
      return result;
    } finally {
      Teardown.run(state, declared.name());
    }
  }
}
