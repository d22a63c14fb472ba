package dev.fluxlab.embedded.source;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Controller;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import dev.fluxlab.embedded.spec.SpecFields;
import dev.fluxlab.oci.LayerExtractor;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.util.GoDuration;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import land.oras.Layer;
import land.oras.Manifest;
import org.semver4j.Semver;

/**
 * source-controller's OCIRepository reconciler (v1.9): resolves {@code spec.ref} (digest, semver
 * over the repository's tags, tag, default {@code latest}) to a manifest digest, names the revision
 * {@code <tag>@sha256:<digest>} (a digest ref: the digest alone), pulls the selected layer ({@code
 * layerSelector.mediaType}, else the first) and extracts or copies it as the artifact. Credentials
 * come from the {@code secretRef} image pull Secret, the CA from {@code certSecretRef}; {@code
 * insecure} accepts any certificate. Registry access goes through ORAS ({@link OciClient}).
 */
public final class OCIRepositoryController implements Controller {
  private static final ApiResource TYPE = FluxCrds.OCI_REPOSITORY;
  private static final String COMPONENT = GitRepositoryController.COMPONENT;

  private final ClusterContext ctx;
  private final SourceStatus sourceStatus;
  private final RegistryRoute registry;

  /** The layer selector each artifact was made with: a change needs a new artifact. */
  private final Map<String, Map<String, Object>> lastSelector =
      new java.util.concurrent.ConcurrentHashMap<>();

  public OCIRepositoryController(ClusterContext ctx, RegistryRoute registry) {
    this.ctx = ctx;
    this.sourceStatus = new SourceStatus(ctx, TYPE, COMPONENT);
    this.registry = registry;
  }

  @Override
  public ApiResource type() {
    return TYPE;
  }

  /** A failed step with the Flux condition reason to report. */
  private static final class Failure extends RuntimeException {
    private final String reason;

    Failure(String reason, String message) {
      super(message);
      this.reason = reason;
    }
  }

  @Override
  public Duration reconcile(GenericKubernetesResource obj) {
    Map<String, Object> spec = Maps.spec(obj);
    Duration interval = GoDuration.parse(Maps.stringOr(spec, "1m", "interval"));
    try {
      String refused = SpecFields.OCI_REPOSITORY.refusal(spec).orElse(null);
      if (refused != null) {
        throw new Failure(SpecFields.REASON, refused);
      }
      if (registry.missing() != null) {
        throw new Failure("RegistryNotAvailable", registry.missing());
      }
      Artifact stored = fetch(obj, spec);
      sourceStatus.stored(
          obj,
          stored,
          "stored artifact for digest '" + stored.revision() + "'",
          status -> status.put("observedLayerSelector", Maps.map(spec, "layerSelector")));
    } catch (OciReference.InvalidUrl e) {
      sourceStatus.fetchFailed(obj, "URLInvalid", e.getMessage());
    } catch (Failure e) {
      sourceStatus.fetchFailed(obj, e.reason, e.getMessage());
    }
    return interval;
  }

  private Artifact fetch(GenericKubernetesResource obj, Map<String, Object> spec) {
    String ns = obj.getMetadata().getNamespace();
    String name = obj.getMetadata().getName();
    String url = Maps.string(spec, "url");
    OciReference ref = OciReference.parse(spec);
    OciClient client = client(ns, url, ref.host(), spec);
    String mediaType = Maps.string(spec, "layerSelector", "mediaType");
    String revision = revision(client, url, ref.repository(), Maps.map(spec, "ref"));
    String digest = revision.substring(revision.lastIndexOf('@') + 1);

    Map<String, Object> selector = Maps.map(spec, "layerSelector");
    Artifact current = ctx.artifacts().get(TYPE.kind(), ns, name).orElse(null);
    if (current != null
        && current.revision().equals(revision)
        && selector.equals(lastSelector.get(ns + "/" + name))) {
      return current;
    }

    Manifest manifest;
    try {
      manifest = client.manifest(ref.repository(), digest);
    } catch (OciClient.OciException e) {
      throw new Failure(
          "OCIPullFailed", "failed to pull artifact from '" + url + "': " + e.getMessage());
    }
    Layer layer = selectLayer(manifest, mediaType);
    String operation = Maps.stringOr(spec, "extract", "layerSelector", "operation");
    Path location =
        ctx.artifacts()
            .newLocation(TYPE.kind(), ns, name, digest.replace(':', '-') + "-" + System.nanoTime());
    try (InputStream blob = client.blob(ref.repository(), layer.getDigest())) {
      if ("extract".equals(operation)) {
        LayerExtractor.extract(blob, location);
      } else if ("copy".equals(operation)) {
        Files.createDirectories(location);
        Files.copy(blob, location.resolve(digest + ".tgz"));
      } else {
        throw new Failure("OCILayerOperationFailed", "unsupported layer operation: " + operation);
      }
    } catch (IOException | OciClient.OciException e) {
      throw new Failure(
          "OCILayerOperationFailed",
          "failed to extract layer contents from artifact: " + e.getMessage());
    }
    Artifact artifact =
        new Artifact(
            revision,
            layer.getDigest(),
            "ocirepository/" + ns + "/" + name + "/" + digest + ".tar.gz",
            location,
            StatusWriter.now());
    ctx.artifacts().put(TYPE.kind(), ns, name, artifact);
    lastSelector.put(ns + "/" + name, selector);
    ctx.events().normal(obj, COMPONENT, "NewArtifact", newArtifactMessage(revision, url, manifest));
    return artifact;
  }

  /** The revision Flux reports: {@code <tag>@sha256:…}, or the digest alone for a digest ref. */
  private static String revision(
      OciClient client, String url, String repository, Map<String, Object> ref) {
    String digest = Maps.string(ref, "digest");
    if (digest != null) {
      return digest;
    }
    String tag;
    String semver = Maps.string(ref, "semver");
    if (semver != null) {
      tag = latestMatching(client, url, repository, semver);
    } else {
      tag = Maps.stringOr(ref, "latest", "tag");
    }
    try {
      return tag + "@" + client.resolve(repository, tag);
    } catch (OciClient.OciException e) {
      throw new Failure("OCIPullFailed", "failed to determine artifact digest: " + e.getMessage());
    }
  }

  private static String latestMatching(
      OciClient client, String url, String repository, String range) {
    List<String> tags;
    try {
      tags = client.tags(repository);
    } catch (OciClient.OciException e) {
      throw new Failure(
          "ReadOperationFailed",
          "failed to determine the artifact tag for '" + url + "': " + e.getMessage());
    }
    Optional<Map.Entry<Semver, String>> best =
        tags.stream()
            .map(t -> Map.entry(Optional.ofNullable(Semver.coerce(t)), t))
            .filter(e -> e.getKey().isPresent() && e.getKey().get().satisfies(range))
            .map(e -> Map.entry(e.getKey().get(), e.getValue()))
            .max(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    return best.map(Map.Entry::getValue)
        .orElseThrow(
            () ->
                new Failure(
                    "ReadOperationFailed",
                    "failed to determine the artifact tag for '"
                        + url
                        + "': no match found for semver: "
                        + range));
  }

  private static Layer selectLayer(Manifest manifest, String mediaType) {
    List<Layer> layers = manifest.getLayers() == null ? List.of() : manifest.getLayers();
    if (layers.isEmpty()) {
      throw new Failure("OCILayerOperationFailed", "no layers found in artifact");
    }
    if (mediaType == null) {
      return layers.get(0);
    }
    return layers.stream()
        .filter(l -> mediaType.equals(l.getMediaType()))
        .findFirst()
        .orElseThrow(
            () ->
                new Failure(
                    "OCILayerOperationFailed",
                    "failed to find layer with media type '" + mediaType + "' in artifact"));
  }

  private OciClient client(String ns, String url, String host, Map<String, Object> spec) {
    Credentials credentials = null;
    String secretName = Maps.string(spec, "secretRef", "name");
    if (secretName != null) {
      Secret secret = secret(ns, secretName, "failed to get credential: ");
      try {
        credentials = OciCredentials.forHost(secret, host);
      } catch (IllegalArgumentException e) {
        throw new Failure("AuthenticationFailed", "failed to get credential: " + e.getMessage());
      }
    }
    String caPem = null;
    String certSecret = Maps.string(spec, "certSecretRef", "name");
    if (certSecret != null) {
      String prefix = "failed to generate transport for '" + url + "': ";
      caPem = OciCredentials.value(secret(ns, certSecret, prefix), "ca.crt");
      if (caPem == null) {
        throw new Failure(
            "AuthenticationFailed",
            prefix + "secret '" + ns + "/" + certSecret + "' has no 'ca.crt'");
      }
    }
    // As source-controller: insecure skips certificate checks only when no CA is given.
    boolean skipVerify = caPem == null && Maps.bool(spec, "insecure");
    return OciClient.connect(registry.route(host), credentials, caPem, skipVerify);
  }

  private Secret secret(String ns, String name, String prefix) {
    Secret secret = ctx.client().secrets().inNamespace(ns).withName(name).get();
    if (secret == null) {
      throw new Failure(
          "AuthenticationFailed",
          prefix
              + "failed to get secret '"
              + ns
              + "/"
              + name
              + "': secrets \""
              + name
              + "\" not found");
    }
    return secret;
  }

  private static String newArtifactMessage(String revision, String url, Manifest manifest) {
    String message = "stored artifact with revision '" + revision + "' from '" + url + "'";
    Map<String, String> a =
        manifest.getAnnotations() == null ? new LinkedHashMap<>() : manifest.getAnnotations();
    String source = a.get("org.opencontainers.image.source");
    String origin = a.get("org.opencontainers.image.revision");
    if (source != null && origin != null && !Objects.equals(source, "")) {
      message += ", origin source '" + source + "', origin revision '" + origin + "'";
    }
    return message;
  }

  @Override
  public void deleted(GenericKubernetesResource lastKnown) {
    String ns = lastKnown.getMetadata().getNamespace();
    String name = lastKnown.getMetadata().getName();
    ctx.artifacts().remove(TYPE.kind(), ns, name);
    lastSelector.remove(ns + "/" + name);
    ctx.events().forget(lastKnown);
  }
}
