package dev.fluxlab.cli;

import picocli.CommandLine.Command;

@Command(
    name = "suspend",
    description = "Suspend reconciliation of a Flux object (like `flux suspend`).")
final class SuspendCommand extends SuspensionCommand {
  SuspendCommand() {
    super(true);
  }
}
