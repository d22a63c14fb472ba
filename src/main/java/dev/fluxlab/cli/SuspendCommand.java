package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "suspend",
    description = "Suspend reconciliation of a Flux object (like `flux suspend`).")
final class SuspendCommand extends EnvCommand {
  @Mixin ObjectSelector target;

  @Override
  public Integer call() {
    try (Environment env = attach(settings())) {
      for (String cluster : target.clusters(env)) {
        env.flux(cluster).setSuspended(target.fluxKind(), target.namespace, target.name, true);
        out()
            .println(
                cluster
                    + ": suspended "
                    + target.fluxKind().kind()
                    + " "
                    + target.namespace
                    + "/"
                    + target.name);
      }
      return ExitCodes.OK;
    }
  }
}
