package dev.fluxlab.api;

import dev.fluxlab.config.Settings;
import java.nio.file.Path;

/**
 * Fills the Helm chart repository an environment serves (index.yaml and packages) before its git
 * server starts; every backend serves what it publishes.
 */
@FunctionalInterface
public interface ChartPublisher {
  ChartPublisher NONE = (settings, chartsDir) -> {};

  void publish(Settings settings, Path chartsDir);
}
