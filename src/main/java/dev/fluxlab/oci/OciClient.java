package dev.fluxlab.oci;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.Registry;
import land.oras.exception.OrasException;

/**
 * The registry operations fluxlab needs, on ORAS's Java SDK: resolve a tag to a manifest digest,
 * list tags, read a manifest and its blobs, push a Flux artifact. One client talks to one registry
 * host with one set of credentials and one trust decision.
 */
public final class OciClient {
  private final String host;
  private final Registry registry;

  private OciClient(String host, Registry registry) {
    this.host = host;
    this.registry = registry;
  }

  /**
   * A client of {@code host}.
   *
   * @param credentials basic-auth credentials, or null for anonymous access
   * @param caPem the CA to trust for the registry's certificate, or null for the JDK's trust store
   * @param skipTlsVerify accept any certificate (Flux's {@code insecure: true} without a CA)
   */
  public static OciClient connect(
      String host, Credentials credentials, String caPem, boolean skipTlsVerify) {
    Registry.Builder b = Registry.builder();
    if (credentials != null) {
      b.defaults(credentials.username(), credentials.password());
    } else {
      b.defaults();
    }
    b.withRegistry(host);
    if (caPem != null) {
      b.withCaContent(caPem);
    }
    if (skipTlsVerify) {
      b.withSkipTlsVerify(true);
    }
    return new OciClient(host, b.build());
  }

  /** A client of the environment's own registry, with its credentials and CA. */
  public static OciClient forRegistry(RegistryAccess access) {
    return connect(access.host(), access.credentials(), access.caPem(), false);
  }

  public String host() {
    return host;
  }

  /** Whether the registry answers an authenticated catalog request. */
  public boolean ping() {
    registry.getRepositories();
    return true;
  }

  /** The digest ({@code sha256:…}) of the manifest {@code repository:tag} points to. */
  public String resolve(String repository, String tag) {
    return call(() -> registry.probeDescriptor(ref(repository).withTag(tag)).getDigest());
  }

  public List<String> tags(String repository) {
    return call(() -> registry.getTags(ref(repository)).tags());
  }

  public Manifest manifest(String repository, String digest) {
    return call(() -> registry.getManifest(ref(repository).withDigest(digest)));
  }

  /** The blob's content; the caller closes the stream. */
  public InputStream blob(String repository, String digest) {
    return call(() -> registry.fetchBlob(ref(repository).withDigest(digest)));
  }

  /**
   * Pushes one layer file and a config blob, then a manifest with the given annotations under
   * {@code tag}; returns the manifest digest.
   */
  public String push(
      String repository,
      String tag,
      Path layerFile,
      String layerMediaType,
      byte[] configJson,
      String configMediaType,
      Map<String, String> annotations) {
    return call(
        () -> {
          ContainerRef ref = ref(repository).withTag(tag);
          Layer layer = registry.pushBlob(ref, layerFile, Map.of()).withMediaType(layerMediaType);
          Layer configBlob = registry.pushBlob(ref, configJson);
          Manifest manifest =
              Manifest.empty()
                  .withConfig(Config.fromBlob(configMediaType, configBlob))
                  .withLayers(List.of(layer))
                  .withAnnotations(annotations);
          registry.pushManifest(ref, manifest);
          return registry.probeDescriptor(ref).getDigest();
        });
  }

  private ContainerRef ref(String repository) {
    return ContainerRef.parse(host + "/" + repository);
  }

  /** A registry operation that failed, with what the registry or the connection said. */
  public static final class OciException extends FluxLabException {
    private final Integer status;

    OciException(String message, Integer status, Throwable cause) {
      super(message, cause);
      this.status = status;
    }

    /** The HTTP status the registry answered with, or null when there was no answer. */
    public Integer status() {
      return status;
    }
  }

  private interface Call<T> {
    T run();
  }

  private static <T> T call(Call<T> call) {
    try {
      return call.run();
    } catch (OrasException e) {
      throw new OciException(describe(e), e.getStatusCode(), e);
    } catch (RuntimeException e) {
      throw new OciException(rootMessage(e), null, e);
    }
  }

  private static String describe(OrasException e) {
    Integer status = e.getStatusCode();
    if (status != null && status == 401) {
      return "UNAUTHORIZED: authentication required";
    }
    if (status != null && status == 404) {
      return "MANIFEST_UNKNOWN: manifest unknown";
    }
    return rootMessage(e);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
