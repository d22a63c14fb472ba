package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The fields of a Chart.yaml that repositories and releases record. */
record ChartMetadata(
    String apiVersion, String name, String version, String appVersion, String description) {

  static ChartMetadata read(Path chartDir) {
    Path file = chartDir.resolve("Chart.yaml");
    try {
      return of(Yaml.map(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static ChartMetadata of(Map<String, Object> chart) {
    String name = Maps.string(chart, "name");
    String version = Maps.string(chart, "version");
    if (name == null || version == null) {
      throw new IllegalArgumentException("Chart.yaml needs a name and a version");
    }
    return new ChartMetadata(
        Maps.stringOr(chart, "v2", "apiVersion"),
        name,
        version,
        Maps.stringOr(chart, "", "appVersion"),
        Maps.stringOr(chart, "", "description"));
  }
}
