package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.config.Settings;
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
      case EMBEDDED -> embedded(chartMirrors);
      case AUTO -> {
        out.println(
            "backend auto: using embedded (this build has no docker backend yet; see README)");
        yield embedded(chartMirrors);
      }
      case DOCKER ->
          throw new FluxLabException(
              "setting 'backend': docker is not available in this build yet; use embedded or auto");
    };
  }

  static Backend embedded(Map<String, Path> chartMirrors) {
    return new EmbeddedBackend("kubectl", new PodinfoCharts(), chartMirrors);
  }
}
