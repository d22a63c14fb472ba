package dev.fluxlab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A report written after a run: checked before the run starts, so a bad path costs no run. */
public final class ReportFile {
  private ReportFile() {}

  /**
   * Why {@code file} cannot take a report (its directory is missing or not writable, it is a
   * directory, it is read-only), or null when it can.
   */
  public static String problemWith(Path file) {
    Path absolute = file.toAbsolutePath();
    Path dir = absolute.getParent();
    if (Files.isDirectory(absolute)) {
      return file + " is a directory";
    }
    if (dir == null || !Files.exists(dir)) {
      return "directory " + dir + " does not exist";
    }
    if (!Files.isDirectory(dir)) {
      return dir + " is not a directory";
    }
    if (!Files.isWritable(dir) && !Files.exists(absolute)) {
      return "directory " + dir + " is not writable";
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      return file + " is not writable";
    }
    return null;
  }

  static void write(Path file, CharSequence content) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
