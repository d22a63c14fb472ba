package dev.fluxlab.embedded.source;

import dev.fluxlab.embedded.reconciler.Maps;
import java.util.Map;

/**
 * An OCIRepository's {@code spec.url} split as source-controller validates it: {@code
 * oci://<host>/<repository>}, no tag in the URL.
 */
record OciReference(String host, String repository) {
  static final String PREFIX = "oci://";

  /** Thrown for a URL source-controller refuses (reason URLInvalid, Stalled). */
  static final class InvalidUrl extends RuntimeException {
    InvalidUrl(String url, String detail) {
      super("URL validation failed for '" + url + "': " + detail);
    }
  }

  static OciReference parse(Map<String, Object> spec) {
    String url = Maps.stringOr(spec, "", "url");
    if (!url.startsWith(PREFIX)) {
      throw new InvalidUrl(url, "URL must be in format 'oci://<domain>/<org>/<repo>'");
    }
    String rest = url.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      throw new InvalidUrl(url, "URL must be in format 'oci://<domain>/<org>/<repo>'");
    }
    String repository = rest.substring(slash + 1);
    int colon = repository.indexOf(':');
    if (colon >= 0) {
      throw new InvalidUrl(
          url, "URL must not contain a tag; remove ':" + repository.substring(colon + 1) + "'");
    }
    return new OciReference(rest.substring(0, slash), repository);
  }
}
