package dev.fluxlab.cli;

import picocli.CommandLine.Command;

@Command(name = "resume", description = "Resume a suspended Flux object (like `flux resume`).")
final class ResumeCommand extends SuspensionCommand {
  ResumeCommand() {
    super(false);
  }
}
