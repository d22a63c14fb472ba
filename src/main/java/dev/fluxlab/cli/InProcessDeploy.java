package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.Diagnostics;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import java.io.PrintWriter;
import java.nio.file.Path;

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
    // The environment is torn down after a failure: keep what explains it first.
    deployer.onFailure(
        env -> {
          Path dir = Teardown.diagnosticsDir(settings.stateDir(), env.name());
          try {
            Teardown.removeDirectory(dir);
            Diagnostics.write(env, dir);
            out.println("diagnostics of the failed deploy: " + dir);
          } catch (RuntimeException e) {
            out.println("could not write diagnostics: " + e.getMessage());
          }
          out.flush();
        });
    Environment env;
    try (InterruptCleanup guard =
        InterruptCleanup.install(
            "deploy",
            out,
            () -> {
              var removed = Teardown.run(settings.stateDir(), settings.envName());
              return removed.isEmpty()
                  ? "nothing was left"
                  : "removed " + String.join(", ", removed);
            })) {
      env = deployer.deploy();
    }
    DeploySummary.print(out, env, deployer.phases());
    return env;
  }
}
