package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.SeedPlan;
import java.io.FileOutputStream;
import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The background process behind {@code deploy}: deploys, reports to the parent through stdout up to
 * {@link #READY}, then logs to {@code serve.log} and serves until stopped.
 */
@Command(
    name = "serve",
    hidden = true,
    description = "Run an environment in this process (used by deploy).")
final class ServeCommand extends EnvCommand {
  static final String READY = "fluxlab-serve: ready";

  @Mixin DeployOptions deployOptions;

  @Override
  public Integer call() throws Exception {
    Settings settings = settings();
    SeedPlan plan = deployOptions.plan(settings);
    Environment env =
        InProcessDeploy.run(
            settings, plan, Backends.select(settings, deployOptions.chartMirrors, out()), out());
    out().println(READY);
    out().flush();
    // The parent stops reading here: from now on this process writes only to its log.
    PrintStream parentPipe = System.out;
    PrintStream log =
        new PrintStream(new FileOutputStream(env.dir().resolve("serve.log").toFile(), true), true);
    System.setOut(log);
    System.setErr(log);
    parentPipe.close();
    DeployCommand.awaitShutdown(env, settings);
    return ExitCodes.OK;
  }
}
