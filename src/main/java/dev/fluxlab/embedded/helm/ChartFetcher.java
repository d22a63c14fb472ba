package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.GoDuration;
import dev.fluxlab.util.Sha256;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The part of source-controller's HelmChart reconciler a HelmRelease needs: picks the highest chart
 * version matching the constraint from the HelmRepository's stored index and downloads that
 * package, keeping one copy per chart version and digest; pulls it from the registry for a
 * HelmRepository of type oci ({@link OciHelmRepository}).
 */
final class ChartFetcher {
  private static final String KIND = FluxCrds.HELM_REPOSITORY.kind();

  private final ClusterContext ctx;
  private final RepositoryFiles files;
  private final OciHelmRepository ociRepositories;

  ChartFetcher(ClusterContext ctx, RepositoryFiles files, RegistryRoute registry) {
    this.ctx = ctx;
    this.files = files;
    this.ociRepositories = new OciHelmRepository(ctx, registry);
  }

  /** A chart version from the index and its package on disk. */
  record Fetched(HelmIndex.ChartVersion version, Path archive) {}

  /**
   * helm-controller's reason when the chart's source (its HelmChart) is not ready, whatever the
   * cause: a missing repository, version or download (checked against helm-controller 1.6).
   */
  static final String SOURCE_NOT_READY = "SourceNotReady";

  /**
   * @throws ReleaseException (SourceNotReady) when the source or the version is not available
   */
  Fetched fetch(HelmReleaseSpec spec) {
    String notReady = "HelmChart '" + spec.helmChart() + "' is not ready: ";
    GenericKubernetesResource repo =
        ctx.client()
            .genericKubernetesResources(FluxCrds.HELM_REPOSITORY.apiVersion(), KIND)
            .inNamespace(spec.sourceNamespace())
            .withName(spec.sourceName())
            .get();
    String source = "HelmRepository '" + spec.sourceNamespace() + "/" + spec.sourceName() + "'";
    if (repo == null) {
      throw new ReleaseException(SOURCE_NOT_READY, notReady + source + " not found");
    }
    if (OciHelmRepository.isOci(repo)) {
      try {
        return ociRepositories.fetch(spec, repo);
      } catch (OciHelmRepository.NotReady e) {
        throw new ReleaseException(SOURCE_NOT_READY, notReady + e.getMessage());
      }
    }
    Artifact artifact =
        ctx.artifacts()
            .get(KIND, spec.sourceNamespace(), spec.sourceName())
            .orElseThrow(
                () ->
                    new ReleaseException(
                        SOURCE_NOT_READY, notReady + source + " has no artifact (is it Ready?)"));
    HelmIndex index = HelmRepositoryController.readIndex(artifact);
    HelmIndex.ChartVersion version =
        index
            .latest(spec.chart(), spec.versionConstraint())
            .orElseThrow(
                () ->
                    new ReleaseException(
                        SOURCE_NOT_READY,
                        notReady
                            + "invalid chart reference: failed to get chart version for remote"
                            + " reference: no '"
                            + spec.chart()
                            + "' chart with version matching '"
                            + spec.versionConstraint()
                            + "' found"));
    if (version.urls().isEmpty()) {
      throw new ReleaseException(
          SOURCE_NOT_READY,
          notReady + "chart '" + spec.chart() + "' " + version.version() + " has no URL");
    }
    String url = Maps.stringOr(Maps.spec(repo), "", "url");
    Duration timeout = GoDuration.parse(Maps.stringOr(Maps.spec(repo), "60s", "timeout"));
    return new Fetched(version, download(spec, url, version, timeout, notReady));
  }

  private Path download(
      HelmReleaseSpec spec,
      String repoUrl,
      HelmIndex.ChartVersion version,
      Duration timeout,
      String notReady) {
    String digest = version.digest() == null ? "" : version.digest();
    String fileName =
        version.name()
            + "-"
            + version.version()
            + (digest.isEmpty() ? "" : "-" + digest.substring(0, Math.min(12, digest.length())))
            + ".tgz";
    Path cache =
        ctx.artifacts()
            .workDir(KIND, spec.sourceNamespace(), spec.sourceName())
            .resolve("charts")
            .resolve(fileName);
    if (Files.isRegularFile(cache)) {
      return cache;
    }
    byte[] bytes;
    try {
      bytes = files.read(repoUrl, version.urls().get(0), timeout);
    } catch (RepositoryFiles.FetchException e) {
      throw new ReleaseException(
          SOURCE_NOT_READY,
          notReady + "failed to download chart " + version.version() + ": " + e.getMessage());
    }
    if (!digest.isEmpty() && !digest.equals(Sha256.hex(bytes))) {
      throw new ReleaseException(
          SOURCE_NOT_READY,
          notReady + "chart " + version.version() + " does not match the digest in the index");
    }
    try {
      // A concurrent reader never sees half a package.
      Files2.writeAtomically(cache, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache chart " + fileName, e);
    }
    return cache;
  }
}
