package dev.fluxlab.embedded;

import dev.fluxlab.api.ChartPublisher;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.helm.ChartRepository;
import dev.fluxlab.ops.Fixtures;
import java.nio.file.Path;
import java.util.List;

/**
 * Publishes fluxlab's own podinfo chart ({@code fixtures/charts/podinfo}) at the start and next
 * versions of the settings, so the environment's Helm repository works offline.
 */
public final class PodinfoCharts implements ChartPublisher {
  @Override
  public void publish(Settings settings, Path chartsDir) {
    new ChartRepository(chartsDir)
        .addVersions(
            Fixtures.get("charts/podinfo"),
            List.of(settings.podinfoStartVersion(), settings.podinfoNextVersion()));
  }
}
