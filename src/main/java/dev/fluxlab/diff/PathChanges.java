package dev.fluxlab.diff;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Whether the files under a repository path differ between the base and the head tree. */
final class PathChanges implements Predicate<String> {
  private final Path baseTree;
  private final Path headTree;

  PathChanges(Path baseTree, Path headTree) {
    this.baseTree = baseTree;
    this.headTree = headTree;
  }

  @Override
  public boolean test(String repositoryPath) {
    String clean = repositoryPath.replaceFirst("^\\./", "").replaceFirst("/$", "");
    if (clean.equals(".")) {
      clean = "";
    }
    Map<String, byte[]> before = files(baseTree, clean);
    Map<String, byte[]> after = files(headTree, clean);
    if (!before.keySet().equals(after.keySet())) {
      return true;
    }
    return before.entrySet().stream()
        .anyMatch(e -> !Arrays.equals(e.getValue(), after.get(e.getKey())));
  }

  private static Map<String, byte[]> files(Path tree, String path) {
    Map<String, byte[]> files = new TreeMap<>();
    if (tree == null) {
      return files;
    }
    Path dir = tree.resolve(path).normalize();
    if (!dir.startsWith(tree) || !Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        Path rel = dir.relativize(p);
        if (!rel.toString().startsWith(".git/") && !rel.toString().equals(".git")) {
          files.put(rel.toString(), Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
