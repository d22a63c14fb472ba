package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "resume", description = "Resume a suspended Flux object (like `flux resume`).")
final class ResumeCommand extends EnvCommand {
  @Mixin ObjectSelector target;

  @Override
  public Integer call() {
    try (Environment env = attach(settings())) {
      for (String cluster : target.clusters(env)) {
        env.flux(cluster).setSuspended(target.fluxKind(), target.namespace, target.name, false);
        out()
            .println(
                cluster
                    + ": resumed "
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
