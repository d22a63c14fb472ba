package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.StatusLog;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
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
  private static void logLine(PrintStream log, String line) {
    log.println(
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + " " + line);
  }

  /** Writes to two writers at once. */
  private static final class TeeWriter extends java.io.Writer {
    private final java.io.Writer first;
    private final java.io.Writer second;

    TeeWriter(java.io.Writer first, java.io.Writer second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public void write(char[] buf, int off, int len) throws java.io.IOException {
      first.write(buf, off, len);
      second.write(buf, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      first.flush();
      second.flush();
    }

    @Override
    public void close() throws java.io.IOException {
      flush();
    }
  }

  static final String READY = "fluxlab-serve: ready";

  @Mixin DeployOptions deployOptions;

  @Override
  public Integer call() throws Exception {
    Settings base = settings();
    SeedPlan plan = deployOptions.plan(base);
    // The same clusters as the parent chose: a user repository brings its own one.
    Settings settings = DeployOptions.withPlanClusters(base, plan, settingsOptions);
    // What the parent is shown goes into the log too, once the environment (and its log) exists.
    StringWriter phases = new StringWriter();
    PrintWriter toParentAndLog = new PrintWriter(new TeeWriter(out(), phases), true);
    Environment env =
        InProcessDeploy.run(
            settings,
            plan,
            Backends.select(settings, deployOptions.chartMirrors, toParentAndLog),
            toParentAndLog);
    out().println(READY);
    out().flush();
    // The parent stops reading here: from now on this process writes only to its log.
    PrintStream parentPipe = System.out;
    PrintStream log =
        new PrintStream(new FileOutputStream(env.dir().resolve("serve.log").toFile(), true), true);
    System.setOut(log);
    System.setErr(log);
    parentPipe.close();
    phases.toString().lines().forEach(line -> logLine(log, line));
    logLine(log, "serving; every change of a Flux object's Ready state is logged below");
    try (StatusLog changes = StatusLog.start(env, line -> logLine(log, line))) {
      DeployCommand.awaitShutdown(env, settings);
    }
    return ExitCodes.OK;
  }
}
