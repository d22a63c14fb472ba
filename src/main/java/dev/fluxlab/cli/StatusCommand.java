package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.ops.Convergence;
import picocli.CommandLine.Command;

@Command(
    name = "status",
    description = "Show every Flux object of every cluster, like `flux get all -A`.")
final class StatusCommand extends EnvCommand {
  @Override
  public Integer call() {
    try (Environment env = attach(settings())) {
      StatusTable.print(out(), Convergence.snapshot(env));
      return ExitCodes.OK;
    }
  }
}
