package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.SeedPlan;
import java.io.PrintWriter;

/** Deploys in this JVM and prints the phases and the summary. */
final class InProcessDeploy {
  private InProcessDeploy() {}

  static Environment run(Settings settings, SeedPlan plan, Backend backend, PrintWriter out) {
    out.println(
        "deploying environment '"
            + settings.envName()
            + "' ("
            + settings.layout().id()
            + ", "
            + backend.id()
            + " backend)");
    out.flush();
    Deployer deployer =
        new Deployer(
            backend,
            settings,
            plan,
            line -> {
              out.println(line);
              out.flush();
            });
    Environment env = deployer.deploy();
    DeploySummary.print(out, env, deployer.phases());
    return env;
  }
}
