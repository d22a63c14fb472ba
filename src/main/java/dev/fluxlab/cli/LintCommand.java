package dev.fluxlab.cli;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.ops.Scenarios;
import dev.fluxlab.scenario.ScenarioLoader;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    description = {
      "Check scenario files against the scenario format (schema/scenario.schema.json) without"
          + " running them: unknown or misplaced fields, wrong types, missing fields.",
      "Prints one line per file; exits 2 when any file is invalid."
    })
final class LintCommand extends EnvCommand {
  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Scenario files or names from scenarios/; 'all' for every shipped scenario.")
  List<String> files;

  @Override
  public Integer call() {
    ScenarioLoader loader = new ScenarioLoader(settings());
    List<String> names = files.equals(List.of("all")) ? Scenarios.names() : files;
    int invalid = 0;
    for (String name : names) {
      try {
        loader.loadAll(Scenarios.find(name));
        out().println("ok   " + name);
      } catch (InvalidInputException e) {
        invalid++;
        spec.commandLine().getErr().println("fluxlab: " + e.getMessage());
      }
    }
    out().println((names.size() - invalid) + " valid, " + invalid + " invalid");
    return invalid == 0 ? ExitCodes.OK : ExitCodes.USAGE;
  }
}
