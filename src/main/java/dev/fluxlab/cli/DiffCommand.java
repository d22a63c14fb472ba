package dev.fluxlab.cli;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.diff.DiffReport;
import dev.fluxlab.diff.DiffRun;
import dev.fluxlab.diff.render.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "diff",
    description = {
      "What a change does to every cluster: reconciles the base and the head revision of a Flux"
          + " repository, each on a throwaway embedded environment (both at once), and compares"
          + " the live state object by object: added, changed (field by field), deleted or"
          + " pruned; Flux objects that fail at head; danger notes (suspended, pruned, immutable"
          + " fields, RBAC). Secret values are never shown.",
      "Exit codes: 0 no change, 1 changes (with --fail-on failures: only a Flux object failing at"
          + " head), 2 bad input. Progress goes to stderr, the report to stdout (or --output)."
    })
final class DiffCommand extends EnvCommand {
  @Option(
      names = "--repo",
      paramLabel = "DIR",
      required = true,
      description = "The Flux repository (a git work tree, or a directory inside one).")
  Path repo;

  @Option(
      names = "--base",
      paramLabel = "REV",
      description = "Base revision (default: the merge-base of HEAD with the default branch).")
  String base;

  @Option(
      names = "--head",
      paramLabel = "REV",
      description = "Head revision (default: the working tree, uncommitted changes included).")
  String head;

  @Option(
      names = "--path",
      paramLabel = "[NAME=]PATH",
      description = "A cluster directory (repeatable), named after its last element unless NAME=.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--all-clusters",
      paramLabel = "DIR",
      description = "One cluster per sub-directory of DIR (at base and at head), e.g. clusters.")
  String allClusters;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "text (default), markdown (a PR comment), json or html (one file).")
  String format = "text";

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description = "Write the report to FILE instead of stdout.")
  Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "WHAT",
      description =
          "changes (default: exit 1 when anything changes) or failures (exit 1 only when a Flux"
              + " object fails at head).")
  String failOn = "changes";

  @Option(
      names = "--chart-mirror",
      paramLabel = "URL=DIR",
      description = "Serve the Helm repository URL from local chart sources (repeatable).")
  Map<String, Path> chartMirrors = new LinkedHashMap<>();

  @Override
  public Integer call() throws IOException {
    // Bad settings or options are a usage error before anything starts.
    settings();
    Reports.Format reportFormat = Reports.Format.parse(format);
    if (!failOn.equals("changes") && !failOn.equals("failures")) {
      throw new InvalidInputException("--fail-on " + failOn + ": must be changes or failures");
    }
    PrintWriter err = spec.commandLine().getErr();
    DiffReport report =
        new DiffRun(
                new DiffRun.Request(repo, base, head, paths, allClusters),
                settingsOptions::loadWith,
                side -> Backends.embedded(chartMirrors),
                line -> {
                  err.println(line);
                  err.flush();
                })
            .run();
    if (output == null) {
      Reports.write(report, reportFormat, out());
    } else {
      StringWriter text = new StringWriter();
      Reports.write(report, reportFormat, new PrintWriter(text));
      Files.writeString(output, text.toString());
      err.println("diff report written to " + output);
      err.flush();
    }
    boolean fail = failOn.equals("failures") ? report.hasFailures() : report.hasChanges();
    return fail ? ExitCodes.FAILURE : ExitCodes.OK;
  }
}
