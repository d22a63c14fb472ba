package dev.fluxlab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code fluxlab} command: only subcommands do something. */
@Command(
    name = "fluxlab",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A self-contained GitOps lab and e2e harness for FluxCD repositories.",
    subcommands = {
      DeployCommand.class,
      ServeCommand.class,
      NewReleaseCommand.class,
      DriftCommand.class,
      StatusCommand.class,
      ReconcileCommand.class,
      SuspendCommand.class,
      ResumeCommand.class,
      RunCommand.class,
      LintCommand.class,
      CheckCommand.class,
      DiffCommand.class,
      DemoCommand.class,
      TeardownCommand.class,
      TenantCommand.class,
      SopsCommand.class,
      BenchCommand.class,
      InitCommand.class,
      PushCommand.class
    })
public final class FluxlabCommand {
  @Option(
      names = "--stacktrace",
      scope = picocli.CommandLine.ScopeType.INHERIT,
      description = "Print stack traces of errors.")
  boolean stacktrace;
}
