package dev.fluxlab.cli;

import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.SeedPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** What to seed: fluxlab's fixture for the layout, or the user's own repository. */
final class DeployOptions {
  @Option(
      names = "--repo",
      paramLabel = "DIR",
      description = "Seed this Flux repository (its working tree) instead of the fixture.")
  Path repo;

  @Option(
      names = "--path",
      paramLabel = "PATH",
      description = "With --repo: the cluster directory to sync, e.g. clusters/staging.")
  String path;

  @Option(
      names = "--chart-mirror",
      paramLabel = "URL=DIR",
      description =
          "Serve the Helm repository URL from local chart sources (sub-directories with a Chart.yaml)"
              + " on the embedded backend, which cannot reach remote repositories (repeatable).")
  Map<String, Path> chartMirrors = new LinkedHashMap<>();

  SeedPlan plan(Settings settings) {
    if (repo == null) {
      if (path != null) {
        throw new dev.fluxlab.api.InvalidInputException("--path needs --repo");
      }
      return SeedPlan.fixture(settings);
    }
    if (path == null) {
      throw new dev.fluxlab.api.InvalidInputException(
          "--repo needs --path (e.g. --path clusters/staging)");
    }
    return SeedPlan.userRepository(repo.toAbsolutePath().normalize(), path);
  }

  /** The settings with the cluster list the plan implies (a user repo brings one cluster). */
  static Settings withPlanClusters(Settings settings, SeedPlan plan, SettingsOptions options) {
    if (plan.clusters().equals(settings.clusters())) {
      return settings;
    }
    return options.loadWith(List.of("clusters=" + String.join(",", plan.clusters())));
  }

  List<String> asArguments() {
    List<String> args = new ArrayList<>();
    if (repo != null) {
      args.add("--repo");
      args.add(repo.toAbsolutePath().toString());
    }
    if (path != null) {
      args.add("--path");
      args.add(path);
    }
    chartMirrors.forEach(
        (url, dir) -> {
          args.add("--chart-mirror");
          args.add(url + "=" + dir.toAbsolutePath());
        });
    return args;
  }
}
