package dev.fluxlab.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** File tree operations the JDK lacks. */
public final class Files2 {
  private Files2() {}

  /** Deletes a file or directory tree; a missing path is not an error. */
  public static void deleteRecursively(Path path) {
    if (path == null || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
              if (exc instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      // deleted concurrently: the goal is reached
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + path, e);
    }
  }

  private static boolean skipped(Path root, Path p, Predicate<Path> skip) {
    for (Path cur = p; cur != null && !cur.equals(root); cur = cur.getParent()) {
      if (skip.test(cur)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes {@code bytes} to {@code target} (its directory created) through a temporary file in the
   * same directory that is then moved over it, so a concurrent reader sees the old content or the
   * new, never half of it.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.getParent());
    Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Copies a directory tree into {@code target} (created). */
  public static void copyTree(Path source, Path target) {
    copyTree(source, target, p -> false);
  }

  /**
   * Copies a directory tree into {@code target}, leaving out paths (and below) that {@code skip}
   * matches. Symbolic links are copied as links (never followed), as git stores them: what a link
   * points to, inside the tree or outside it, is not read.
   */
  public static void copyTree(Path source, Path target, Predicate<Path> skip) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        if (!p.equals(source) && skipped(source, p, skip)) {
          continue;
        }
        Path dest = target.resolve(source.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createDirectories(dest.getParent());
          Files.deleteIfExists(dest);
          Files.createSymbolicLink(dest, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.createDirectories(dest.getParent());
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
    }
  }
}
