package dev.fluxlab.embedded.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fluxlab.api.Credentials;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Registry credentials from an image pull Secret ({@code kubernetes.io/dockerconfigjson}, what
 * {@code flux create secret oci} writes): the {@code auths} entry of the registry host, with
 * username/password or a base64 {@code auth}. Read for OCIRepositories and for the charts of
 * HelmRepositories of type oci.
 */
public final class OciCredentials {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OciCredentials() {}

  /** The credentials for {@code host}, or null when the Secret has none for it. */
  public static Credentials forHost(Secret secret, String host) {
    String raw = value(secret, ".dockerconfigjson");
    if (raw == null) {
      throw new IllegalArgumentException(
          "secret '"
              + secret.getMetadata().getName()
              + "' has no '.dockerconfigjson' (type kubernetes.io/dockerconfigjson expected)");
    }
    JsonNode entry;
    try {
      JsonNode auths = JSON.readTree(raw).path("auths");
      entry = auths.has(host) ? auths.get(host) : auths.path("https://" + host);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "secret '" + secret.getMetadata().getName() + "': .dockerconfigjson is not JSON");
    }
    if (entry.isMissingNode()) {
      return null;
    }
    if (entry.hasNonNull("username")) {
      return new Credentials(entry.get("username").asText(), entry.path("password").asText());
    }
    String auth = entry.path("auth").asText("");
    String decoded = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
    int colon = decoded.indexOf(':');
    return colon < 0
        ? null
        : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** A key of the Secret, from stringData or decoded from data; null when absent. */
  public static String value(Secret secret, String key) {
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    String v = secret.getData() == null ? null : secret.getData().get(key);
    return v == null ? null : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
  }
}
