package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.EmbeddedBackend;
import dev.fluxlab.ops.SeedPlan;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "deploy",
    description = {
      "Start an environment: git server, clusters, Flux; push the seed repository; wait until all"
          + " Flux objects are Ready.",
      "The environment lives in a background fluxlab process (log:"
          + " <state.dir>/<env.name>/serve.log), which owns its servers or containers, until"
          + " `fluxlab teardown`; with --foreground it lives in this process until Ctrl-C."
    })
final class DeployCommand extends EnvCommand {
  @Mixin DeployOptions deployOptions;

  @Option(names = "--foreground", description = "Keep the environment in this process.")
  boolean foreground;

  @Override
  public Integer call() throws Exception {
    Settings base = settings();
    SeedPlan plan = deployOptions.plan(base);
    Settings settings = DeployOptions.withPlanClusters(base, plan, settingsOptions);
    Backend backend = Backends.select(settings, deployOptions.chartMirrors, out());
    if (!foreground) {
      return DetachedDeploy.run(settings, settingsOptions, deployOptions, backend.id(), out());
    }
    Environment env = InProcessDeploy.run(settings, plan, backend, out());
    out().println("running in the foreground; Ctrl-C tears the environment down");
    out().flush();
    awaitShutdown(env, settings);
    return ExitCodes.OK;
  }

  /** Blocks until the JVM is asked to stop, then tears the environment down. */
  static void awaitShutdown(Environment env, Settings settings) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // An embedded environment has nothing outside this process but its files:
                  // remove them first, so `teardown` (which waits for them to go) returns at once
                  // even when stopping the controllers takes seconds (a Helm call cannot be
                  // interrupted); once they are stopped, remove what they wrote meanwhile.
                  if (EmbeddedBackend.ID.equals(env.info().backend())) {
                    dev.fluxlab.ops.Teardown.run(settings.stateDir(), settings.envName());
                  }
                  env.close();
                  dev.fluxlab.ops.Teardown.run(settings.stateDir(), settings.envName());
                  stopped.countDown();
                }));
    stopped.await();
  }
}
