package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Controller;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import dev.fluxlab.embedded.source.Artifact;
import dev.fluxlab.embedded.source.SourceStatus;
import dev.fluxlab.embedded.spec.SpecFields;
import dev.fluxlab.util.GoDuration;
import dev.fluxlab.util.Sha256;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * source-controller's HelmRepository reconciler: for HTTP(S) repositories fetches {@code
 * <url>/index.yaml} (or reads it from a chart mirror) and stores it as the artifact, with the
 * revision {@code sha256:<digest of the index>}; leaves a repository of type oci static.
 */
public final class HelmRepositoryController implements Controller {
  static final String COMPONENT = "source-controller";
  private static final ApiResource TYPE = FluxCrds.HELM_REPOSITORY;

  private final ClusterContext ctx;
  private final SourceStatus sourceStatus;
  private final RepositoryFiles files;

  /**
   * @param chartMirrors repository URLs served from local directories (each holding index.yaml and
   *     the packages), for repositories the environment cannot or should not reach
   */
  public HelmRepositoryController(ClusterContext ctx, Map<String, Path> chartMirrors) {
    this.ctx = ctx;
    this.sourceStatus = new SourceStatus(ctx, TYPE, COMPONENT);
    this.files = new RepositoryFiles(chartMirrors);
  }

  @Override
  public ApiResource type() {
    return TYPE;
  }

  @Override
  public Duration reconcile(GenericKubernetesResource obj) {
    Map<String, Object> spec = Maps.spec(obj);
    Duration interval = GoDuration.parse(Maps.stringOr(spec, "1m", "interval"));
    String refused = HelmRepositoryRefusals.of(spec).orElse(null);
    if (refused != null) {
      sourceStatus.fetchFailed(obj, SpecFields.REASON, refused);
      return interval;
    }
    if (OciHelmRepository.isOci(obj)) {
      return staticOci(obj);
    }
    String url = Maps.stringOr(spec, "", "url");
    if (url.startsWith("oci://")) {
      sourceStatus.fetchFailed(
          obj,
          "URLInvalid",
          "invalid Helm repository URL: 'oci' URL scheme cannot be used with 'default'"
              + " HelmRepository type");
      return interval;
    }
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      sourceStatus.fetchFailed(
          obj,
          "URLInvalid",
          "invalid Helm repository URL: '" + url + "': the scheme must be http or https");
      return interval;
    }
    Duration timeout = GoDuration.parse(Maps.stringOr(spec, "60s", "timeout"));
    byte[] index;
    HelmIndex parsed;
    try {
      index = files.read(url, "index.yaml", timeout);
      parsed = HelmIndex.parse(new String(index, StandardCharsets.UTF_8));
    } catch (RepositoryFiles.FetchException e) {
      String hint =
          e.unreachable()
              ? "; fluxlab: serve it locally with --chart-mirror " + url + "=<dir of chart sources>"
              : "";
      sourceStatus.fetchFailed(
          obj, "FetchFailed", "failed to fetch Helm repository index: " + e.getMessage() + hint);
      return interval;
    } catch (IllegalArgumentException e) {
      sourceStatus.fetchFailed(
          obj,
          "IndexationFailed",
          "failed to load Helm repository from index YAML: " + e.getMessage());
      return interval;
    }
    Artifact stored = store(obj, url, index, parsed);
    String message = "stored artifact: revision '" + stored.revision() + "'";
    sourceStatus.stored(
        obj, stored, message, status -> status.put("url", stored.toStatus().get("url")));
    return interval;
  }

  /**
   * source-controller (since Flux 2.2) treats a HelmRepository of type oci as static data for its
   * HelmCharts: no artifact, an empty status (it removes the defaulted {@code observedGeneration}
   * and anything an earlier type left), never requeued. {@code flux get sources helm} shows it
   * Ready all the same; its charts are pulled by the release ({@link OciHelmRepository}).
   */
  private Duration staticOci(GenericKubernetesResource obj) {
    ctx.artifacts()
        .remove(TYPE.kind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    ctx.status().clear(TYPE, obj);
    return null;
  }

  /** Keeps the current artifact when the index did not change. */
  private Artifact store(
      GenericKubernetesResource obj, String url, byte[] index, HelmIndex parsed) {
    String ns = obj.getMetadata().getNamespace();
    String name = obj.getMetadata().getName();
    String hex = Sha256.hex(index);
    String revision = "sha256:" + hex;
    Artifact current = ctx.artifacts().get(TYPE.kind(), ns, name).orElse(null);
    if (current != null && current.revision().equals(revision)) {
      return current;
    }
    String fileName = "index-" + hex + ".yaml";
    Path location = ctx.artifacts().newLocation(TYPE.kind(), ns, name, fileName);
    try {
      Files.createDirectories(location.getParent());
      Files.write(location, index);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the index of " + ns + "/" + name, e);
    }
    Artifact artifact =
        new Artifact(
            revision,
            revision,
            "helmrepository/" + ns + "/" + name + "/" + fileName,
            location,
            StatusWriter.now());
    ctx.artifacts().put(TYPE.kind(), ns, name, artifact);
    ctx.events()
        .normal(
            obj,
            COMPONENT,
            "NewArtifact",
            "stored fetched index of size "
                + index.length
                + " bytes ("
                + parsed.size()
                + " chart versions) from '"
                + URI.create(RepositoryFiles.normalize(url))
                + "'");
    return artifact;
  }

  @Override
  public void deleted(GenericKubernetesResource lastKnown) {
    ctx.artifacts()
        .remove(
            TYPE.kind(), lastKnown.getMetadata().getNamespace(), lastKnown.getMetadata().getName());
    ctx.events().forget(lastKnown);
  }

  /** The stored index of a HelmRepository, for the HelmRelease controller. */
  static HelmIndex readIndex(Artifact artifact) {
    try {
      return HelmIndex.parse(Files.readString(artifact.location()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + artifact.location(), e);
    }
  }
}
