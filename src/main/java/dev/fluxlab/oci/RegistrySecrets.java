package dev.fluxlab.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Secrets an OCIRepository names to reach the environment's registry, created in {@code
 * flux-system} of every cluster: {@value #AUTH} (an image pull Secret, as {@code flux create secret
 * oci} writes it, for the stable name and the local address) for {@code secretRef}, and {@value
 * #CA} (the registry's CA as {@code ca.crt}) for {@code certSecretRef}.
 */
public final class RegistrySecrets {
  public static final String AUTH = "oci-registry-auth";
  public static final String CA = "oci-registry-ca";

  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistrySecrets() {}

  public static void create(KubernetesClient client, String namespace, RegistryAccess access) {
    create(client, namespace, access, Map.of());
  }

  /**
   * @param labels put on both Secrets (an existing cluster's teardown finds them by label)
   */
  public static void create(
      KubernetesClient client,
      String namespace,
      RegistryAccess access,
      Map<String, String> labels) {
    write(
        client,
        namespace,
        labels,
        AUTH,
        "kubernetes.io/dockerconfigjson",
        ".dockerconfigjson",
        dockerConfig(access));
    write(client, namespace, labels, CA, "Opaque", "ca.crt", access.caPem());
  }

  private static void write(
      KubernetesClient client,
      String namespace,
      Map<String, String> labels,
      String name,
      String type,
      String key,
      String value) {
    client
        .secrets()
        .inNamespace(namespace)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withType(type)
                .addToData(key, base64(value))
                .build())
        .createOr(s -> s.update());
  }

  static String dockerConfig(RegistryAccess access) {
    String user = access.credentials().username();
    String password = access.credentials().password();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("username", user);
    entry.put("password", password);
    entry.put("auth", base64(user + ":" + password));
    Map<String, Object> auths = new LinkedHashMap<>();
    auths.put(RegistryRoute.STABLE_HOST, entry);
    auths.put(access.host(), entry);
    try {
      return JSON.writeValueAsString(Map.of("auths", auths));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
