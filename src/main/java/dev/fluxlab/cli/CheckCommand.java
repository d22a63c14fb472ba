package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.StartFailedException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Convergence;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.Diagnostics;
import dev.fluxlab.ops.ObjectStatus;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.util.Files2;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "check",
    description = {
      "CI gate for a Flux repository: deploy it on a throwaway environment, wait for convergence,"
          + " print the status table, tear down.",
      "Exits 0 only when every Flux object became Ready (within timeout.ready)."
    })
final class CheckCommand extends EnvCommand {
  @Mixin DeployOptions deployOptions;

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Also write the result as JUnit XML (one testcase per Flux object).")
  Path junit;

  @Option(
      names = "--markdown",
      paramLabel = "FILE",
      description = "Also write the verdict and status table as Markdown (a CI job summary).")
  Path markdown;

  @Option(
      names = "--diagnostics",
      paramLabel = "DIR",
      description =
          "On failure, write every Flux object as YAML, the events and the status there first.")
  Path diagnostics;

  @Override
  public Integer call() {
    Settings base = settings();
    SeedPlan plan = deployOptions.plan(base);
    String name = base.envName() + "-check-" + UUID.randomUUID().toString().substring(0, 6);
    Settings settings =
        settingsOptions.loadWith(
            List.of("env.name=" + name, "clusters=" + String.join(",", plan.clusters())));
    Backend backend = Backends.select(settings, deployOptions.chartMirrors, out());
    String subject =
        deployOptions.repo != null
            ? String.join(", ", deployOptions.subjects())
            : base.layout().id() + " fixture";
    AtomicReference<List<ObjectStatus>> lastSeen = new AtomicReference<>(List.of());
    Deployer deployer =
        new Deployer(backend, settings, plan, progress())
            .onFailure(
                env -> {
                  lastSeen.set(Convergence.snapshot(env));
                  StatusTable.print(out(), lastSeen.get());
                  if (diagnostics != null) {
                    Diagnostics.write(env, diagnostics);
                  }
                });
    try (Environment env = deployer.deploy()) {
      List<ObjectStatus> rows = Convergence.snapshot(env);
      StatusTable.print(out(), rows);
      writeReports(new CheckReport(subject, rows, null));
      out().println("check passed: every Flux object is Ready");
      return ExitCodes.OK;
    } catch (StartFailedException e) {
      // The check's environment, diagnostics folder included, is removed below.
      RuntimeException failure =
          diagnostics == null
              ? new FluxLabException(e.reason() + " (--diagnostics DIR keeps the logs)", e)
              : new StartFailedException(e.reason(), keepLogs(e.logs()), e);
      writeReports(new CheckReport(subject, lastSeen.get(), failure.getMessage()));
      throw failure;
    } catch (RuntimeException e) {
      writeReports(new CheckReport(subject, lastSeen.get(), e.getMessage()));
      throw e;
    } finally {
      Teardown.run(settings.stateDir(), name);
    }
  }

  private Path keepLogs(Path logs) {
    Path into = diagnostics.resolve("logs");
    Files2.copyTree(logs, into);
    return into;
  }

  private void writeReports(CheckReport report) {
    if (junit != null) {
      CheckReport.write(junit, report.junit());
    }
    if (markdown != null) {
      CheckReport.write(markdown, report.markdown());
    }
  }
}
