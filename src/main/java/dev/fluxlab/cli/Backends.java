package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.config.Settings;
import dev.fluxlab.docker.DockerBackend;
import dev.fluxlab.docker.DockerEngine;
import dev.fluxlab.embedded.EmbeddedBackend;
import dev.fluxlab.embedded.PodinfoCharts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** Turns the {@code backend} setting into a backend, saying which one {@code auto} chose. */
final class Backends {
  private Backends() {}

  static Backend select(Settings settings, PrintWriter out) {
    return select(settings, Map.of(), out);
  }

  /**
   * @param chartMirrors Helm repository URL to local chart sources (embedded backend)
   */
  static Backend select(Settings settings, Map<String, Path> chartMirrors, PrintWriter out) {
    return switch (settings.backend()) {
      case EMBEDDED -> embedded(chartMirrors, out);
      case DOCKER -> docker(out);
      case AUTO -> {
        String reason = DockerEngine.unusableReason(settings.docker());
        if (reason == null) {
          out.println("backend auto: using docker");
          yield docker(out);
        }
        out.println("backend auto: using embedded (" + reason + ")");
        yield embedded(chartMirrors, out);
      }
    };
  }

  static Backend embedded(Map<String, Path> chartMirrors) {
    return new EmbeddedBackend("kubectl", new PodinfoCharts(), chartMirrors);
  }

  private static Backend embedded(Map<String, Path> chartMirrors, PrintWriter out) {
    return new EmbeddedBackend("kubectl", new PodinfoCharts(), chartMirrors)
        .withProgress(
            line -> {
              out.println("  " + line);
              out.flush();
            });
  }

  static Backend docker(PrintWriter out) {
    return new DockerBackend(
        new PodinfoCharts(),
        line -> {
          out.println("  " + line);
          out.flush();
        });
  }
}
