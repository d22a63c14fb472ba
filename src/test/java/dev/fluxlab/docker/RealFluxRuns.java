package dev.fluxlab.docker;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.Diagnostics;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.scenario.Scenario;
import dev.fluxlab.scenario.ScenarioResult;
import dev.fluxlab.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;

/**
 * What the real-Flux suites share: deploying the settings' fixture on the docker backend and
 * running a scenario on it, with the diagnostics of a failure kept under {@code target/} (the state
 * directory is not) for CI to collect.
 */
final class RealFluxRuns {
  private RealFluxRuns() {}

  static Path diagnostics(String name) {
    return Path.of("target", "fluxlab-diagnostics", "real-flux", name);
  }

  static Environment deploy(Settings settings, Path diagnostics, List<String> log) {
    return new Deployer(
            new DockerBackend(new PodinfoCharts(), log::add),
            settings,
            SeedPlan.fixture(settings),
            log::add)
        .onFailure(failed -> Diagnostics.write(failed, diagnostics))
        .deploy();
  }

  static ScenarioResult run(
      Environment env, Scenario scenario, Settings settings, Path diagnostics, List<String> log) {
    ScenarioResult result =
        new ScenarioRunner(env, settings.readyTimeout(), log::add).run(scenario);
    if (!result.passed()) {
      Diagnostics.write(env, diagnostics);
    }
    return result;
  }
}
