package dev.fluxlab.embedded.helm;

import dev.fluxlab.util.Sha256;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A Helm chart repository written to a directory: one package per chart version and an {@code
 * index.yaml} as {@code helm repo index} writes it, with URLs relative to the index. Serve the
 * directory over HTTP (or name it as a chart mirror) and HelmRepositories can use it.
 */
public final class ChartRepository {
  private final Path directory;
  private final Map<String, List<Map<String, Object>>> entries = new TreeMap<>();

  /**
   * @param directory where the packages and index.yaml go (created)
   */
  public ChartRepository(Path directory) {
    this.directory = directory;
  }

  /** Packages the chart in {@code chartDir} once per version (version and appVersion set). */
  public ChartRepository addVersions(Path chartDir, List<String> versions) {
    ChartMetadata source = ChartMetadata.read(chartDir);
    for (String version : versions) {
      add(
          ChartPackager.packageAtVersion(chartDir, version, directory),
          new ChartMetadata(
              source.apiVersion(), source.name(), version, version, source.description()));
    }
    writeIndex();
    return this;
  }

  /**
   * Packages every chart below {@code sourcesDir} (each sub-directory holding a Chart.yaml) at the
   * version its Chart.yaml declares: how local sources stand in for an unreachable remote
   * repository.
   */
  public ChartRepository addChartSources(Path sourcesDir) {
    List<Path> charts;
    try (Stream<Path> children = Files.list(sourcesDir)) {
      charts = children.filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list chart sources in " + sourcesDir, e);
    }
    if (charts.isEmpty()) {
      throw new IllegalArgumentException(
          "no chart sources in " + sourcesDir + " (expected sub-directories with a Chart.yaml)");
    }
    for (Path chart : charts) {
      add(ChartPackager.packageAsIs(chart, directory), ChartMetadata.read(chart));
    }
    writeIndex();
    return this;
  }

  public Path directory() {
    return directory;
  }

  public Path indexFile() {
    return directory.resolve("index.yaml");
  }

  private void add(Path tgz, ChartMetadata chart) {
    String fileName = tgz.getFileName().toString();
    String version = chart.version();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("apiVersion", chart.apiVersion());
    entry.put("name", chart.name());
    entry.put("version", version);
    entry.put("appVersion", chart.appVersion());
    entry.put("description", chart.description());
    entry.put("type", "application");
    entry.put("urls", List.of(fileName));
    entry.put("digest", Sha256.hex(tgz));
    entry.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    List<Map<String, Object>> versions =
        entries.computeIfAbsent(chart.name(), n -> new ArrayList<>());
    versions.removeIf(e -> version.equals(e.get("version")));
    versions.add(entry);
    // Newest first, as Helm sorts index entries.
    versions.sort(
        Comparator.comparing((Map<String, Object> e) -> ChartVersions.parse(e.get("version")))
            .reversed());
  }

  private void writeIndex() {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("apiVersion", "v1");
    index.put("entries", entries);
    index.put("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    try {
      Files.createDirectories(directory);
      Files.writeString(indexFile(), Yaml.write(index));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + indexFile(), e);
    }
  }
}
