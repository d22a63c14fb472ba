package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Convergence;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "check",
    description = {
      "CI gate for a Flux repository: deploy it on a throwaway environment, wait for convergence,"
          + " print the status table, tear down.",
      "Exits 0 only when every Flux object became Ready (within timeout.ready)."
    })
final class CheckCommand extends EnvCommand {
  @Mixin DeployOptions deployOptions;

  @Override
  public Integer call() {
    Settings base = settings();
    SeedPlan plan = deployOptions.plan(base);
    String name = base.envName() + "-check-" + UUID.randomUUID().toString().substring(0, 6);
    Settings settings =
        settingsOptions.loadWith(
            List.of("env.name=" + name, "clusters=" + String.join(",", plan.clusters())));
    Backend backend = Backends.select(settings, deployOptions.chartMirrors, out());
    Deployer deployer =
        new Deployer(backend, settings, plan, progress())
            .onFailure(env -> StatusTable.print(out(), Convergence.snapshot(env)));
    try (Environment env = deployer.deploy()) {
      StatusTable.print(out(), Convergence.snapshot(env));
      out().println("check passed: every Flux object is Ready");
      return ExitCodes.OK;
    } finally {
      Teardown.run(settings.stateDir(), name);
    }
  }
}
