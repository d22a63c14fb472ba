package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.oci.HelmChartArtifact;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.semver4j.Semver;

/**
 * helm-controller's {@code chartRef} to an OCIRepository (v1.6): the source must be Ready with an
 * artifact, the artifact must load as a chart (the copied chart package, or the extracted chart
 * directory), and the chart version gets the first 12 hex digits of the artifact's digest as build
 * metadata ({@code 6.9.0+0123456789ab}), so that a moved tag is a new release. A semver tag must
 * equal the chart's version.
 */
final class OciChartSource {
  private static final String KIND = FluxCrds.OCI_REPOSITORY.kind();

  /** Masterminds semver's loose form, as helm-controller parses tags and chart versions. */
  private static final Pattern LOOSE_SEMVER =
      Pattern.compile(
          "^v?(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$");

  private final ClusterContext ctx;

  OciChartSource(ClusterContext ctx) {
    this.ctx = ctx;
  }

  /**
   * @param digest the manifest digest the chart version was stamped with
   */
  record Loaded(ChartFetcher.Fetched chart, String digest) {}

  /**
   * @throws ReleaseException ArtifactFailed (no source object, no chart in the artifact),
   *     SourceNotReady, or ChartMutateError (a semver tag that is not the chart's version)
   */
  Loaded load(HelmReleaseSpec spec) {
    String ns = spec.chartRefNamespace();
    String name = spec.chartRefName();
    GenericKubernetesResource repo =
        ctx.client()
            .genericKubernetesResources(FluxCrds.OCI_REPOSITORY.apiVersion(), KIND)
            .inNamespace(ns)
            .withName(name)
            .get();
    if (repo == null) {
      throw new ReleaseException(
          "ArtifactFailed",
          "could not get Source object: "
              + FluxCrds.OCI_REPOSITORY.plural()
              + "."
              + FluxCrds.OCI_REPOSITORY.group()
              + " \""
              + name
              + "\" not found");
    }
    String notReady = notReadyReason(repo);
    if (notReady != null) {
      throw new ReleaseException(
          ChartFetcher.SOURCE_NOT_READY,
          KIND + " '" + ns + "/" + name + "' is not ready: " + notReady);
    }
    Artifact artifact =
        ctx.artifacts()
            .get(KIND, ns, name)
            .orElseThrow(
                () ->
                    new ReleaseException(
                        "ArtifactFailed", "Source not ready: artifact not found. Retrying in 5s"));
    Path chart;
    ChartMetadata meta;
    try {
      chart = chartIn(artifact.location(), operation(repo));
      meta =
          Files.isDirectory(chart)
              ? ChartMetadata.read(chart)
              : ChartMetadata.of(HelmChartArtifact.chartYaml(chart));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new ReleaseException("ArtifactFailed", "Could not load chart: " + e.getMessage());
    }
    String revision = artifact.revision();
    String version = stamped(meta.version(), revision);
    HelmIndex.ChartVersion v =
        new HelmIndex.ChartVersion(meta.name(), version, meta.appVersion(), List.of(), null);
    return new Loaded(new ChartFetcher.Fetched(v, chart), digestOf(revision));
  }

  /** helm-controller's isReady: observed, not stalled, with an artifact; else why not. */
  private static String notReadyReason(GenericKubernetesResource repo) {
    Map<String, Object> status = Maps.map(repo.getAdditionalProperties(), "status");
    long generation = StatusWriter.generationOf(repo);
    Condition ready = Condition.read(status, "Ready");
    boolean failed = ready != null && "False".equals(ready.status());
    if (!(observedGeneration(status, failed) instanceof Number n) || n.longValue() != generation) {
      return failed ? ready.message() : "latest generation of object has not been reconciled";
    }
    Condition stalled = Condition.read(status, "Stalled");
    if (stalled != null && "True".equals(stalled.status())) {
      return stalled.message();
    }
    if (Maps.map(status, "artifact").isEmpty()) {
      return "does not have an artifact";
    }
    return null;
  }

  /**
   * The generation source-controller would have recorded: it leaves {@code observedGeneration} at
   * the last completed reconcile when one fails, where the embedded sources record every attempt.
   * After a failure that is the generation of the stored artifact (ArtifactInStorage), if any.
   */
  private static Object observedGeneration(Map<String, Object> status, boolean failed) {
    if (!failed) {
      return status.get("observedGeneration");
    }
    for (Object c : Maps.list(status, "conditions")) {
      if ("ArtifactInStorage".equals(Maps.string(c, "type"))) {
        return Maps.get(c, "observedGeneration");
      }
    }
    return null;
  }

  /**
   * The chart in an OCIRepository artifact: the package a {@code copy} layer operation stored, or
   * the chart directory an {@code extract} unpacked (source-controller re-archives that directory
   * and Helm's loader reads it, so a file beside the chart directory is refused as Helm does).
   */
  private static Path chartIn(Path location, String operation) {
    List<Path> entries;
    try (Stream<Path> s = Files.list(location)) {
      entries = s.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the artifact in " + location, e);
    }
    if ("copy".equals(operation)) {
      return entries.stream()
          .filter(Files::isRegularFile)
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no files in chart archive"));
    }
    for (Path entry : entries) {
      if (Files.isRegularFile(entry)) {
        throw new IllegalArgumentException(
            "chart illegally contains content outside the base directory: \""
                + entry.getFileName()
                + "\"");
      }
    }
    List<Path> charts =
        entries.stream().filter(d -> Files.isRegularFile(d.resolve("Chart.yaml"))).toList();
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("no files in chart archive");
    }
    if (charts.size() != 1) {
      throw new IllegalArgumentException("Chart.yaml file is missing");
    }
    return charts.get(0);
  }

  /** The layer operation the stored artifact was made with. */
  private static String operation(GenericKubernetesResource repo) {
    return Maps.stringOr(
        Maps.map(repo.getAdditionalProperties(), "status"),
        "extract",
        "observedLayerSelector",
        "operation");
  }

  /** helm-controller's mutateChartWithSourceRevision. */
  static String stamped(String chartVersion, String revision) {
    Semver chart = loose(chartVersion);
    if (chart == null) {
      throw new ReleaseException("ChartMutateError", "invalid chart version " + chartVersion);
    }
    String sha;
    int at = revision.indexOf('@');
    Semver tag = at < 0 ? null : loose(revision.substring(0, at).replace('_', '+'));
    if (tag != null) {
      String[] pair = revision.split("@");
      if (pair.length != 2 || tag.compareTo(chart) != 0) {
        throw new ReleaseException(
            "ChartMutateError",
            "artifact revision " + pair[0] + " does not match chart version " + chartVersion);
      }
      sha = digestHex(pair[1]);
    } else {
      sha = digestHex(revision);
    }
    return chart.withClearedBuild().getVersion() + "+" + sha;
  }

  private static String digestHex(String digest) {
    String[] pair = digest.split(":");
    if (pair.length != 2 || pair[1].length() < 12) {
      throw new ReleaseException("ChartMutateError", "invalid artifact revision " + digest);
    }
    return pair[1].substring(0, 12);
  }

  private static String digestOf(String revision) {
    int at = revision.indexOf('@');
    return at < 0 ? revision : revision.substring(at + 1);
  }

  /** Masterminds' loose parse: a leading v, missing minor and patch. Null when not semver. */
  private static Semver loose(String version) {
    Matcher m = LOOSE_SEMVER.matcher(version);
    if (!m.matches()) {
      return null;
    }
    String full =
        m.group(1)
            + "."
            + (m.group(2) == null ? "0" : m.group(2))
            + "."
            + (m.group(3) == null ? "0" : m.group(3))
            + (m.group(4) == null ? "" : m.group(4))
            + (m.group(5) == null ? "" : m.group(5));
    return Semver.parse(full);
  }
}
