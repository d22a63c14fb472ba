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
import java.time.Duration;

/** Deploys in this JVM and prints the phases and the summary. */
final class InProcessDeploy {
  /** Long enough for a phase to notice the interrupt and close what it started. */
  private static final Duration STOP_DEPLOY = Duration.ofSeconds(20);

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
              // The deploy goes on in the main thread while the JVM shuts down: stop it first, or
              // it writes into the state directory while that is being deleted.
              deployer.cancel(STOP_DEPLOY);
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
