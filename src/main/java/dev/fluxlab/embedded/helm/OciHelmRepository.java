package dev.fluxlab.embedded.helm;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.embedded.FluxCrds;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.source.OciCredentials;
import dev.fluxlab.embedded.spec.SpecFields;
import dev.fluxlab.oci.HelmChartArtifact;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.Sha256;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import land.oras.Layer;
import land.oras.Manifest;

/**
 * source-controller's HelmChart build from a HelmRepository of type oci: the chart is the registry
 * repository {@code <url>/<chart>}, its version chosen by {@link OciChartTags}, pulled with the
 * HelmRepository's {@code secretRef} (image pull Secret, or username/password) and {@code
 * certSecretRef} ({@code ca.crt}) through {@link OciClient}. One package is kept per chart layer
 * digest. A failure is the HelmChart's Ready=False, with source-controller's reason and words.
 */
final class OciHelmRepository {
  private static final String KIND = FluxCrds.HELM_REPOSITORY.kind();
  private static final String PREFIX = "oci://";

  /**
   * Words in a failed build that source-controller reports as AuthenticationFailed instead; the
   * last two are how the JDK says what Go's TLS stack calls an unknown certificate authority.
   */
  private static final List<String> AUTH_ERRORS =
      List.of(
          "401",
          "unauthorized",
          "authentication required",
          "tls",
          "unknown certificate authority",
          "pkix",
          "certification path");

  private final ClusterContext ctx;
  private final RegistryRoute registry;

  OciHelmRepository(ClusterContext ctx, RegistryRoute registry) {
    this.ctx = ctx;
    this.registry = registry;
  }

  /** The HelmChart could not be built: source-controller's reason and message. */
  static final class NotReady extends RuntimeException {
    private final String reason;

    NotReady(String reason, String message) {
      super(message);
      this.reason = reason;
    }

    String reason() {
      return reason;
    }
  }

  static boolean isOci(GenericKubernetesResource repo) {
    return "oci".equals(Maps.string(Maps.spec(repo), "type"));
  }

  /**
   * @throws NotReady when the repository is refused or misconfigured, or the chart cannot be pulled
   */
  ChartFetcher.Fetched fetch(HelmReleaseSpec spec, GenericKubernetesResource repo) {
    Map<String, Object> repoSpec = Maps.spec(repo);
    String refused = HelmRepositoryRefusals.of(repoSpec).orElse(null);
    if (refused != null) {
      throw new NotReady(SpecFields.REASON, refused);
    }
    if (registry.missing() != null) {
      throw new NotReady("RegistryNotAvailable", registry.missing());
    }
    String url = normalize(Maps.stringOr(repoSpec, "", "url"));
    if (!url.startsWith(PREFIX) || url.length() == PREFIX.length()) {
      // A plain error in source-controller, hence its generic reason.
      throw new NotReady(
          "Failed", "failed to construct Helm client: invalid OCI registry URL: " + url);
    }
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    String host = slash < 0 ? rest : rest.substring(0, slash);
    String repository = (slash < 0 ? "" : rest.substring(slash + 1) + "/") + spec.chart();
    OciClient client = client(repo, host);
    String chartUrl = PREFIX + host + "/" + repository;
    try {
      String version = version(client, repository, chartUrl, spec);
      return pull(client, repo, repository, chartUrl, version);
    } catch (NotReady e) {
      throw authenticationOr(e);
    }
  }

  /** source-controller's NormalizeURL for OCI: no trailing slash. */
  private static String normalize(String url) {
    return url.replaceFirst("/+$", "");
  }

  private static String version(
      OciClient client, String repository, String chartUrl, HelmReleaseSpec spec) {
    String constraint = spec.versionConstraint();
    if (OciChartTags.exact(constraint)) {
      return constraint;
    }
    String prefix =
        "chart pull error: failed to get chart version for remote reference: could not get tags"
            + " for \""
            + spec.chart()
            + "\": ";
    List<String> tags;
    try {
      tags = OciChartTags.helmTags(client.tags(repository));
    } catch (OciClient.OciException e) {
      throw new NotReady(
          "ChartPullError",
          prefix + "could not fetch tags for \"" + chartUrl + "\": " + e.getMessage());
    }
    if (tags.isEmpty()) {
      throw new NotReady(
          "ChartPullError",
          prefix + "unable to locate any tags in provided repository: " + chartUrl);
    }
    return OciChartTags.pick(tags, constraint)
        .orElseThrow(
            () ->
                new NotReady(
                    "ChartPullError",
                    "chart pull error: failed to get chart version for remote reference: could not"
                        + " locate a version matching provided version string "
                        + constraint));
  }

  private ChartFetcher.Fetched pull(
      OciClient client,
      GenericKubernetesResource repo,
      String repository,
      String chartUrl,
      String version) {
    String ref = chartUrl + ":" + version;
    String prefix =
        "chart pull error: failed to download chart for remote reference: failed to get '"
            + ref
            + "': ";
    Layer layer;
    try {
      String digest = client.resolve(repository, OciChartTags.tagOf(version));
      Manifest manifest = client.manifest(repository, digest);
      layer =
          (manifest.getLayers() == null ? List.<Layer>of() : manifest.getLayers())
              .stream()
                  .filter(l -> HelmChartArtifact.CONTENT_MEDIA_TYPE.equals(l.getMediaType()))
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new NotReady(
                              "ChartPullError",
                              prefix
                                  + "no layer of media type "
                                  + HelmChartArtifact.CONTENT_MEDIA_TYPE
                                  + " (not a Helm chart)"));
    } catch (OciClient.OciException e) {
      throw new NotReady("ChartPullError", prefix + e.getMessage());
    }
    Path archive = cached(client, repo, repository, layer, prefix);
    ChartMetadata meta;
    try {
      meta = ChartMetadata.of(HelmChartArtifact.chartYaml(archive));
    } catch (IllegalArgumentException e) {
      throw new NotReady("ChartPullError", "chart pull error: " + e.getMessage());
    }
    HelmIndex.ChartVersion v =
        new HelmIndex.ChartVersion(
            meta.name(), meta.version(), meta.appVersion(), List.of(ref), layer.getDigest());
    return new ChartFetcher.Fetched(v, archive);
  }

  /** The chart package of {@code layer}, downloaded once per digest. */
  private Path cached(
      OciClient client,
      GenericKubernetesResource repo,
      String repository,
      Layer layer,
      String prefix) {
    String hex = layer.getDigest().substring(layer.getDigest().indexOf(':') + 1);
    Path cache =
        ctx.artifacts()
            .workDir(KIND, repo.getMetadata().getNamespace(), repo.getMetadata().getName())
            .resolve("oci-charts")
            .resolve(repository.replace('/', '_') + "-" + hex + ".tgz");
    if (Files.isRegularFile(cache)) {
      return cache;
    }
    byte[] bytes;
    try (InputStream in = client.blob(repository, layer.getDigest())) {
      bytes = in.readAllBytes();
    } catch (IOException | OciClient.OciException e) {
      throw new NotReady("ChartPullError", prefix + e.getMessage());
    }
    if (!hex.equals(Sha256.hex(bytes))) {
      throw new NotReady("ChartPullError", prefix + "the layer does not match its digest");
    }
    try {
      // A concurrent reader never sees half a package.
      Files2.writeAtomically(cache, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot cache chart " + cache.getFileName(), e);
    }
    return cache;
  }

  /**
   * source-controller reports a failed build whose error reads like a credentials or TLS problem as
   * AuthenticationFailed.
   */
  private static NotReady authenticationOr(NotReady e) {
    String lower = e.getMessage().toLowerCase(Locale.ROOT);
    if (!"ChartPullError".equals(e.reason()) || AUTH_ERRORS.stream().noneMatch(lower::contains)) {
      return e;
    }
    return new NotReady(
        "AuthenticationFailed",
        "failed to authenticate with the Helm repository: " + e.getMessage());
  }

  /** The client source-controller's getter options make: certSecretRef first, then secretRef. */
  private OciClient client(GenericKubernetesResource repo, String host) {
    String ns = repo.getMetadata().getNamespace();
    Map<String, Object> spec = Maps.spec(repo);
    String caPem = null;
    String certSecret = Maps.string(spec, "certSecretRef", "name");
    if (certSecret != null) {
      Secret secret = secret(ns, certSecret, "failed to get TLS authentication secret '");
      caPem = OciCredentials.value(secret, "ca.crt");
      if (caPem == null) {
        throw new NotReady(
            "AuthenticationFailed",
            "failed to construct Helm client's TLS config: secret '"
                + ns
                + "/"
                + certSecret
                + "' has no 'ca.crt'");
      }
    }
    Credentials credentials = null;
    String authSecret = Maps.string(spec, "secretRef", "name");
    if (authSecret != null) {
      credentials =
          credentials(secret(ns, authSecret, "failed to get authentication secret '"), host);
    }
    return OciClient.connect(registry.route(host), credentials, caPem, false);
  }

  /** Helm's KeychainFromSecret: an image pull Secret's entry for the host, or username/password. */
  private static Credentials credentials(Secret secret, String host) {
    String name = secret.getMetadata().getName();
    String prefix = "failed to configure OCI registry authentication: ";
    if ("kubernetes.io/dockerconfigjson".equals(secret.getType())) {
      Credentials c;
      try {
        c = OciCredentials.forHost(secret, host);
      } catch (IllegalArgumentException e) {
        throw new NotReady("AuthenticationFailed", prefix + e.getMessage());
      }
      if (c == null) {
        throw new NotReady(
            "AuthenticationFailed",
            prefix
                + "no auth config for '"
                + host
                + "' in the docker-registry Secret '"
                + name
                + "'");
      }
      return c;
    }
    String user = OciCredentials.value(secret, "username");
    String password = OciCredentials.value(secret, "password");
    boolean noUser = user == null || user.isEmpty();
    boolean noPassword = password == null || password.isEmpty();
    if (noUser && noPassword) {
      return null; // anonymous
    }
    if (noUser || noPassword) {
      throw new NotReady(
          "AuthenticationFailed",
          prefix + "invalid '" + name + "' secret data: required fields 'username' and 'password'");
    }
    return new Credentials(user, password);
  }

  private Secret secret(String ns, String name, String prefix) {
    Secret secret = ctx.client().secrets().inNamespace(ns).withName(name).get();
    if (secret == null) {
      throw new NotReady(
          "AuthenticationFailed",
          prefix + ns + "/" + name + "': secrets \"" + name + "\" not found");
    }
    return secret;
  }
}
