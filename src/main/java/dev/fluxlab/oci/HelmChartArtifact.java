package dev.fluxlab.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A Helm chart package as {@code helm push} stores it in an OCI registry (Helm's pkg/registry): the
 * package as the one layer with Helm's chart content media type, the chart's metadata as JSON in a
 * config blob with Helm's config media type, the OpenContainers title, version, description and
 * created annotations, and the chart version as the tag ({@code +} written {@code _}, which OCI
 * tags cannot hold).
 */
public final class HelmChartArtifact {
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
  public static final String CONTENT_MEDIA_TYPE =
      "application/vnd.cncf.helm.chart.content.v1.tar+gzip";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HelmChartArtifact() {}

  /** The pushed manifest's digest and the tag it was pushed under. */
  public record Pushed(String digest, String tag) {}

  /** Pushes the package {@code tgz} to {@code repository}, tagged with its chart version. */
  public static Pushed push(OciClient client, String repository, Path tgz) {
    Map<String, Object> chart = chartYaml(tgz);
    String version = String.valueOf(chart.get("version"));
    String tag = version.replace('+', '_');
    Map<String, String> annotations = new LinkedHashMap<>();
    putIfSet(annotations, "org.opencontainers.image.description", chart.get("description"));
    annotations.put("org.opencontainers.image.title", String.valueOf(chart.get("name")));
    annotations.put("org.opencontainers.image.version", version);
    putIfSet(annotations, "org.opencontainers.image.url", chart.get("home"));
    if (chart.get("sources") instanceof List<?> sources && !sources.isEmpty()) {
      annotations.put("org.opencontainers.image.source", String.valueOf(sources.get(0)));
    }
    annotations.put(
        "org.opencontainers.image.created",
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    try {
      String digest =
          client.push(
              repository,
              tag,
              tgz,
              CONTENT_MEDIA_TYPE,
              JSON.writeValueAsBytes(chart),
              CONFIG_MEDIA_TYPE,
              annotations);
      return new Pushed(digest, tag);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the chart config of " + tgz, e);
    }
  }

  /**
   * The Chart.yaml of a chart package: the entry {@code <dir>/Chart.yaml} below the package's one
   * top directory, as Helm's loader reads it.
   *
   * @throws IllegalArgumentException with Helm's words when the file is no chart package
   */
  public static Map<String, Object> chartYaml(Path tgz) {
    try (InputStream in = Files.newInputStream(tgz)) {
      return chartYaml(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read chart package: " + e.getMessage(), e);
    }
  }

  /** {@link #chartYaml(Path)} of a package's bytes. */
  public static Map<String, Object> chartYaml(InputStream tgz) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(tgz))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        String[] parts = e.getName().split("/", 2);
        if (e.isFile() && (parts.length == 1 || parts[1].isEmpty())) {
          throw new IllegalArgumentException(
              "chart illegally contains content outside the base directory: \""
                  + e.getName()
                  + "\"");
        }
        if (e.isFile() && parts.length == 2 && parts[1].equals("Chart.yaml")) {
          Map<String, Object> chart =
              Yaml.map(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
          if (chart.get("name") == null || chart.get("version") == null) {
            throw new IllegalArgumentException("validation: chart.metadata.name is required");
          }
          return chart;
        }
      }
    } catch (java.util.zip.ZipException e) {
      throw new IllegalArgumentException("gzip: invalid header", e);
    }
    throw new IllegalArgumentException("Chart.yaml file is missing");
  }

  private static void putIfSet(Map<String, String> annotations, String key, Object value) {
    if (value != null && !String.valueOf(value).isEmpty()) {
      annotations.put(key, String.valueOf(value));
    }
  }
}
