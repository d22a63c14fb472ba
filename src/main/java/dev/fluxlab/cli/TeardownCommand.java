package dev.fluxlab.cli;

import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Teardown;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "teardown",
    description =
        "Remove an environment and everything it created; works after kill -9, and twice in a row.")
final class TeardownCommand extends EnvCommand {
  @Override
  public Integer call() {
    Settings settings = settings();
    long start = System.nanoTime();
    List<String> removed = Teardown.run(settings.stateDir(), settings.envName());
    long ms = (System.nanoTime() - start) / 1_000_000;
    if (removed.isEmpty()) {
      out().println("nothing to tear down: no environment '" + settings.envName() + "'");
    } else {
      out().println("removed environment '" + settings.envName() + "' in " + ms + " ms:");
      removed.forEach(r -> out().println("  " + r));
    }
    return ExitCodes.OK;
  }
}
