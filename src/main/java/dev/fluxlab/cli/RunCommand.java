package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.Scenarios;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.scenario.HtmlReport;
import dev.fluxlab.scenario.JUnitReport;
import dev.fluxlab.scenario.ParallelRuns;
import dev.fluxlab.scenario.ReportFile;
import dev.fluxlab.scenario.Scenario;
import dev.fluxlab.scenario.ScenarioLoader;
import dev.fluxlab.scenario.ScenarioResult;
import dev.fluxlab.scenario.ScenarioRunner;
import dev.fluxlab.scenario.Shard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    description = {
      "Run scenarios (names from scenarios/, or files), each on a fresh throwaway environment"
          + " that is torn down afterwards; with --attach, on the running environment instead.",
      "Prints each step with its result and time; exits 1 when a scenario fails."
    })
final class RunCommand extends EnvCommand {
  @Parameters(
      paramLabel = "SCENARIO",
      arity = "1..*",
      description = "Scenario names or files; 'all' for every scenario.")
  List<String> scenarios;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write the results as JUnit XML.")
  Path junit;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description =
          "Also write the results as one self-contained HTML page: a summary table, then each"
              + " scenario's steps with failure messages and collected output (its directory must"
              + " exist).")
  Path html;

  /** With --repo/--path: the scenarios run against the user's repository instead of a fixture. */
  @Mixin DeployOptions deployOptions;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "1",
      description = "Run up to N scenarios at once, each on its own fresh environment (default 1).")
  int parallel;

  @Option(
      names = "--shard",
      paramLabel = "I/N",
      description =
          "Run only the I-th of N shares of the scenarios (1-based; for CI matrices): the scenarios"
              + " are sorted by name and dealt round-robin.")
  String shard;

  @Option(
      names = "--attach",
      description = "Run on the running environment (env.name) instead of a fresh one.")
  boolean attach;

  @Override
  public Integer call() {
    if (attach && deployOptions.repo != null) {
      throw new dev.fluxlab.api.InvalidInputException(
          "--repo seeds a fresh environment; --attach runs on the running one: use one of them");
    }
    requireWritable("--junit", junit);
    requireWritable("--html", html);
    Settings settings = settings();
    List<String> names = scenarios.equals(List.of("all")) ? Scenarios.names() : scenarios;
    List<Scenario> loaded = new ArrayList<>();
    ScenarioLoader loader = new ScenarioLoader(settings);
    for (String name : names) {
      loaded.addAll(loader.loadAll(Scenarios.find(name)));
    }
    if (parallel < 1) {
      throw new InvalidInputException("--parallel must be at least 1, not " + parallel);
    }
    if (attach && parallel > 1) {
      throw new InvalidInputException(
          "--parallel needs fresh environments; it cannot be used with --attach");
    }
    loaded = Shard.parse(shard).of(loaded);
    List<ScenarioResult> results = new ArrayList<>();
    if (attach) {
      for (Scenario scenario : loaded) {
        boolean otherLayout =
            !scenario.layout().isEmpty() && !scenario.layout().equals(settings.layout().id());
        if (otherLayout) {
          out()
              .println("skipping " + scenario.name() + ": written for layout " + scenario.layout());
          continue;
        }
        results.add(runAttached(settings, scenario));
      }
    } else {
      results.addAll(new ParallelRuns(parallel, out()).run(loaded, this::runFresh));
    }
    if (junit != null) {
      JUnitReport.write(junit, results);
    }
    if (html != null) {
      HtmlReport.write(html, results);
    }
    long failed = results.stream().filter(r -> !r.passed()).count();
    out().println(results.size() - failed + " passed, " + failed + " failed");
    return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
  }

  /** A report that could not be written after the run is refused before it instead. */
  private static void requireWritable(String option, Path file) {
    String problem = file == null ? null : ReportFile.problemWith(file);
    if (problem != null) {
      throw new InvalidInputException(option + " " + file + ": " + problem);
    }
  }

  private ScenarioResult runAttached(Settings settings, Scenario scenario) {
    try (Environment env = attach(settings)) {
      return runner(env, settings).run(scenario);
    }
  }

  /** A throwaway environment of the scenario's layout, torn down afterwards. */
  private ScenarioResult runFresh(Scenario scenario, java.util.function.Consumer<String> log) {
    String name = "run-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> overrides = new ArrayList<>(List.of("env.name=" + name));
    if (!scenario.layout().isEmpty()) {
      overrides.add("layout=" + scenario.layout());
    }
    SeedPlan plan = deployOptions.plan(settingsOptions.loadWith(overrides));
    overrides.add("clusters=" + String.join(",", plan.clusters()));
    Settings fresh = settingsOptions.loadWith(overrides);
    Backend backend = Backends.select(fresh, deployOptions.chartMirrors, out());
    Deployer deployer = new Deployer(backend, fresh, plan, line -> {});
    try (Environment env = deployer.deploy()) {
      return new ScenarioRunner(env, fresh.readyTimeout(), log).run(scenario);
    } finally {
      dev.fluxlab.ops.Teardown.run(fresh.stateDir(), name);
    }
  }

  private ScenarioRunner runner(Environment env, Settings settings) {
    return new ScenarioRunner(env, settings.readyTimeout(), progress());
  }
}
