package dev.fluxlab.embedded.helm;

import com.marcnuri.helm.Helm;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.TerminationSignals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Packages a chart source directory as {@code <name>-<version>.tgz} with real Helm, optionally
 * stamping another version and appVersion into a copy of its Chart.yaml first (the source is never
 * changed).
 */
final class ChartPackager {
  private static final Pattern VERSION_LINE = Pattern.compile("^version:.*$");
  private static final Pattern APP_VERSION_LINE = Pattern.compile("^appVersion:.*$");

  private ChartPackager() {}

  /** Packages the chart at the version its Chart.yaml declares. */
  static Path packageAsIs(Path chartDir, Path destination) {
    try {
      Files.createDirectories(destination);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + destination, e);
    }
    try {
      new Helm(chartDir).packageIt().withDestination(destination).call();
    } catch (RuntimeException e) {
      TerminationSignals.reclaim();
      throw new IllegalArgumentException(
          "cannot package the Helm chart in " + chartDir + ": " + e.getMessage(), e);
    }
    // Each Helm call re-installs Go's signal handlers over the JVM's.
    TerminationSignals.reclaim();
    ChartMetadata meta = ChartMetadata.read(chartDir);
    return destination.resolve(meta.name() + "-" + meta.version() + ".tgz");
  }

  /** Packages a copy of the chart whose version and appVersion are both {@code version}. */
  static Path packageAtVersion(Path chartDir, String version, Path destination) {
    ChartMetadata meta = ChartMetadata.read(chartDir);
    Path tmp;
    try {
      // Beside the packages (below the environment's directory), never in the system temp
      // directory: a process stopped half-way leaves nothing that teardown would not find.
      Files.createDirectories(destination);
      tmp = Files.createTempDirectory(destination, ".chart-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    try {
      // Helm names the package after Chart.yaml, but a directory named like the chart keeps
      // `helm lint` and error messages unsurprising.
      Path copy = tmp.resolve(meta.name());
      Files2.copyTree(chartDir, copy);
      stampVersion(copy.resolve("Chart.yaml"), version);
      return packageAsIs(copy, destination);
    } finally {
      Files2.deleteRecursively(tmp);
    }
  }

  /**
   * Rewrites the version lines in place rather than re-serialising the YAML: comments survive, and
   * a version such as "1.0" stays a string.
   */
  private static void stampVersion(Path chartYaml, String version) {
    try {
      List<String> out = new ArrayList<>();
      boolean appVersionSeen = false;
      for (String line : Files.readAllLines(chartYaml)) {
        if (VERSION_LINE.matcher(line).matches()) {
          out.add("version: \"" + version + "\"");
        } else if (APP_VERSION_LINE.matcher(line).matches()) {
          out.add("appVersion: \"" + version + "\"");
          appVersionSeen = true;
        } else {
          out.add(line);
        }
      }
      if (!appVersionSeen) {
        out.add("appVersion: \"" + version + "\"");
      }
      Files.write(chartYaml, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + chartYaml, e);
    }
  }
}
