package dev.fluxlab.ops;

import dev.fluxlab.api.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place that reads the cluster directories of a user's repository from the command line:
 * {@code --path [NAME=]PATH} (repeatable) and {@code --all-clusters DIR} (every sub-directory of
 * DIR). Each path is then checked by {@link SeedPlan#userRepository(Path, String)}.
 */
public final class ClusterPaths {
  private static final Pattern CLUSTER_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private ClusterPaths() {}

  /**
   * One cluster to sync.
   *
   * @param name the cluster's name, or null to name it after the last element of {@code path}
   * @param path the directory in the repository
   * @param option how the user wrote it, for error messages ({@code --path x=clusters/a})
   */
  public record Entry(String name, String path, String option) {}

  /**
   * @param paths the values of {@code --path}, in order
   * @param allClustersDir the value of {@code --all-clusters}, or null
   */
  public static List<Entry> parse(Path repo, List<String> paths, String allClustersDir) {
    List<Entry> entries = new ArrayList<>();
    for (String value : paths) {
      entries.add(parsePath(value));
    }
    if (allClustersDir != null) {
      entries.addAll(subDirectories(repo, allClustersDir));
    }
    return entries;
  }

  private static Entry parsePath(String value) {
    String option = "--path " + value;
    int eq = value.indexOf('=');
    if (eq < 0) {
      return new Entry(null, value, option);
    }
    String name = value.substring(0, eq);
    String path = value.substring(eq + 1);
    if (!CLUSTER_NAME.matcher(name).matches()) {
      throw new InvalidInputException(
          option + ": cluster name '" + name + "' must be lower-case letters, digits and '-'");
    }
    if (path.isEmpty()) {
      throw new InvalidInputException(option + ": no path after '='");
    }
    return new Entry(name, path, option);
  }

  private static List<Entry> subDirectories(Path repo, String dir) {
    String option = "--all-clusters " + dir;
    String clean = dir.replaceFirst("^\\./", "").replaceFirst("/$", "");
    Path base = repo.resolve(clean);
    if (!Files.isDirectory(base)) {
      throw new InvalidInputException(option + ": no such directory in " + repo);
    }
    // The same checks as a --path: the directory must lie inside the repository.
    SeedPlan.userRepository(repo, clean);
    List<Entry> entries = new ArrayList<>();
    try (var children = Files.list(base)) {
      for (Path child : children.sorted().toList()) {
        String name = child.getFileName().toString();
        if (Files.isDirectory(child) && !name.startsWith(".")) {
          entries.add(new Entry(null, clean + "/" + name, option));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (entries.isEmpty()) {
      throw new InvalidInputException(option + ": no sub-directories in " + base);
    }
    return entries;
  }
}
