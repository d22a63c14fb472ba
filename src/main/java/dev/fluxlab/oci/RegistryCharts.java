package dev.fluxlab.oci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Publishes the environment's Helm chart packages (what its chart repository serves) to its OCI
 * registry too, as {@code helm push} would: {@code oci://fluxlab-registry:5000/charts/<name>} with
 * one tag per chart version, so a repository can use them through an OCIRepository and {@code
 * HelmRelease.spec.chartRef} as today's Flux examples do.
 */
public final class RegistryCharts {
  /** The repository prefix of the published charts: {@code charts/podinfo}. */
  public static final String PREFIX = "charts/";

  private RegistryCharts() {}

  /** Pushes every {@code *.tgz} in {@code chartsDir}; returns {@code repository:tag} of each. */
  public static List<String> publish(OciClient client, Path chartsDir) {
    List<Path> packages;
    try (Stream<Path> s = Files.list(chartsDir)) {
      packages = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the chart packages in " + chartsDir, e);
    }
    List<String> pushed = new ArrayList<>();
    for (Path tgz : packages) {
      String name = String.valueOf(HelmChartArtifact.chartYaml(tgz).get("name"));
      HelmChartArtifact.Pushed p = HelmChartArtifact.push(client, PREFIX + name, tgz);
      pushed.add(PREFIX + name + ":" + p.tag());
    }
    return pushed;
  }
}
