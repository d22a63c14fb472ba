package dev.fluxlab.embedded.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a build inside its artifact, as kustomize-controller's secure file system does: a path
 * whose real location (symlinks resolved) is outside the artifact root is refused, naming the file.
 */
final class ArtifactFiles {
  private ArtifactFiles() {}

  /**
   * @param root the artifact root, a real path
   * @param file a path below {@code root} as listed (not yet resolved)
   */
  static void requireInside(Path root, Path file) {
    if (!Files.isSymbolicLink(file)) {
      return;
    }
    Path real;
    try {
      real = file.toRealPath();
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BuildException(
          "BuildFailed",
          "symlink '" + root.relativize(file) + "' points to a file that does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!real.startsWith(root)) {
      throw new BuildException(
          "BuildFailed",
          "symlink '"
              + root.relativize(file)
              + "' points outside the source artifact; a build reads only the artifact's own files");
    }
  }

  /** The artifact root as a real path (the artifact store may sit below a symlinked directory). */
  static Path realRoot(Path artifact) {
    try {
      return artifact.toRealPath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
