package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import picocli.CommandLine.Mixin;

/** Sets or clears {@code spec.suspend} of one Flux object on the selected clusters. */
abstract class SuspensionCommand extends EnvCommand {
  @Mixin ObjectSelector target;

  private final boolean suspend;

  SuspensionCommand(boolean suspend) {
    this.suspend = suspend;
  }

  @Override
  public Integer call() {
    try (Environment env = attach(settings())) {
      for (String cluster : target.clusters(env)) {
        env.flux(cluster).setSuspended(target.fluxKind(), target.namespace, target.name, suspend);
        out()
            .println(
                cluster
                    + ": "
                    + (suspend ? "suspended " : "resumed ")
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
