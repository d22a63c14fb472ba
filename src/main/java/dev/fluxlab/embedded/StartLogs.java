package dev.fluxlab.embedded;

import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps the logs of an environment whose start failed (its control planes', its registry's) before
 * its directory is removed: the one-line error quotes their last lines, the rest is often what
 * explains it. They go to the environment's diagnostics folder, which the next teardown of that
 * name removes.
 */
final class StartLogs {
  private StartLogs() {}

  /** Copies every {@code *.log} under {@code envDir} into {@code into}; returns how many. */
  static int keep(Path envDir, Path into) {
    List<Path> logs;
    try (Stream<Path> files = Files.walk(envDir)) {
      logs = files.filter(f -> f.toString().endsWith(".log") && Files.isRegularFile(f)).toList();
    } catch (IOException | UncheckedIOException e) {
      return 0; // nothing left to keep
    }
    int kept = 0;
    for (Path log : logs) {
      Path copy = into.resolve(envDir.relativize(log));
      try {
        SecureFiles.createOwnerOnlyDirectory(copy.getParent());
        Files.copy(log, copy);
        kept++;
      } catch (IOException | UncheckedIOException e) {
        // A log removed meanwhile, or a full disk: keep what can be kept.
      }
    }
    return kept;
  }
}
