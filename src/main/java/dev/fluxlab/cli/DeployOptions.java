package dev.fluxlab.cli;

import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.ClusterPaths;
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
      paramLabel = "[NAME=]PATH",
      description =
          "With --repo: a cluster directory to sync, e.g. clusters/staging (repeatable: one cluster"
              + " per path, named after its last element unless NAME= is given).")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--all-clusters",
      paramLabel = "DIR",
      description = "With --repo: one cluster per sub-directory of DIR, e.g. clusters.")
  String allClusters;

  @Option(
      names = "--chart-mirror",
      paramLabel = "URL=DIR",
      description =
          "Serve the Helm repository URL from local chart sources (sub-directories with a Chart.yaml)"
              + " on the embedded backend, which cannot reach remote repositories (repeatable).")
  Map<String, Path> chartMirrors = new LinkedHashMap<>();

  SeedPlan plan(Settings settings) {
    if (repo == null) {
      if (!paths.isEmpty() || allClusters != null) {
        throw new dev.fluxlab.api.InvalidInputException(
            (paths.isEmpty() ? "--all-clusters" : "--path") + " needs --repo");
      }
      return SeedPlan.fixture(settings);
    }
    return userPlan(repo);
  }

  /** The plan for {@code dir} (the repository, or a checkout of one of its revisions). */
  SeedPlan userPlan(Path dir) {
    if (paths.isEmpty() && allClusters == null) {
      throw new dev.fluxlab.api.InvalidInputException(
          "--repo needs --path (e.g. --path clusters/staging) or --all-clusters DIR");
    }
    Path root = dir.toAbsolutePath().normalize();
    if (!java.nio.file.Files.isDirectory(root)) {
      throw new dev.fluxlab.api.InvalidInputException("--repo " + dir + ": not a directory");
    }
    return SeedPlan.userRepository(root, ClusterPaths.parse(root, paths, allClusters));
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
    for (String path : paths) {
      args.add("--path");
      args.add(path);
    }
    if (allClusters != null) {
      args.add("--all-clusters");
      args.add(allClusters);
    }
    chartMirrors.forEach(
        (url, dir) -> {
          args.add("--chart-mirror");
          args.add(url + "=" + dir.toAbsolutePath());
        });
    return args;
  }

  /** What the command line named: each --path as given, or the --all-clusters directory. */
  List<String> subjects() {
    List<String> named = new ArrayList<>(paths);
    if (allClusters != null) {
      named.add(allClusters.toString());
    }
    return named;
  }
}
