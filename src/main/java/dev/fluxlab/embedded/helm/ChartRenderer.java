package dev.fluxlab.embedded.helm;

import com.marcnuri.helm.Helm;
import dev.fluxlab.util.TerminationSignals;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Renders a chart package with real Helm ({@code helm template}) for one release. */
final class ChartRenderer {
  private final Path scratchDir;

  /** One render at a time: the JNI bridge into Helm's Go library is not documented as reentrant. */
  private final Object lock = new Object();

  ChartRenderer(Path scratchDir) {
    this.scratchDir = scratchDir;
  }

  /**
   * @return the rendered manifests, documents separated by {@code ---}
   * @throws ReleaseException when Helm refuses the chart or the values
   */
  String render(
      Path chartArchive, String releaseName, String namespace, Map<String, Object> values) {
    Path valuesFile = writeValues(values);
    try {
      synchronized (lock) {
        try {
          return new Helm(chartArchive)
              .template()
              .withName(releaseName)
              .withNamespace(namespace)
              .withValuesFile(valuesFile)
              .call();
        } finally {
          // Each Helm call re-installs Go's signal handlers over the JVM's.
          TerminationSignals.reclaim();
        }
      }
    } catch (RuntimeException e) {
      throw new ReleaseException("RenderFailed", firstLine(e.getMessage()), e);
    } finally {
      try {
        Files.deleteIfExists(valuesFile);
      } catch (IOException e) {
        // a leftover values file in the scratch directory is harmless
      }
    }
  }

  private Path writeValues(Map<String, Object> values) {
    try {
      Files.createDirectories(scratchDir);
      Path file = Files.createTempFile(scratchDir, "helm-values-", ".yaml");
      Files.writeString(file, Yaml.write(values));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the release values", e);
    }
  }

  private static String firstLine(String message) {
    return message == null ? "helm template failed" : message.strip();
  }
}
