package dev.fluxlab.util;

import java.nio.file.Path;

/** Renders kubeconfig files for the clusters fluxlab starts. */
public final class Kubeconfig {
  private Kubeconfig() {}

  /**
   * Writes a kubeconfig (mode 0600) with one cluster, user and context, all named {@code
   * contextName}, that verifies the server against {@code caPem} and authenticates with a client
   * certificate, and makes it the current context.
   */
  public static Path writeWithClientCertificate(
      Path file,
      String contextName,
      String serverUrl,
      String caPem,
      String certificatePem,
      String keyPem) {
    return SecureFiles.writeOwnerOnly(
        file,
        render(
            contextName,
            "server: " + serverUrl + "\n    certificate-authority-data: " + base64(caPem),
            "user:\n    client-certificate-data: "
                + base64(certificatePem)
                + "\n    client-key-data: "
                + base64(keyPem)));
  }

  /**
   * Writes a kubeconfig (mode 0600) with one cluster, user and context, all named {@code
   * contextName}, that verifies the server against {@code caPem} and authenticates with a bearer
   * token, and makes it the current context.
   */
  public static Path writeWithToken(
      Path file, String contextName, String serverUrl, String caPem, String token) {
    return SecureFiles.writeOwnerOnly(
        file,
        render(
            contextName,
            "server: " + serverUrl + "\n    certificate-authority-data: " + base64(caPem),
            "user:\n    token: " + token));
  }

  private static String base64(String pem) {
    return java.util.Base64.getEncoder()
        .encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A kubeconfig with one cluster, user and context, all named {@code contextName}, that
   * authenticates with a bearer token and skips verification of the server's self-signed
   * certificate (a lab cluster made a moment ago; the token is per run).
   */
  public static String withToken(String contextName, String serverUrl, String token) {
    return render(
        contextName,
        "server: " + serverUrl + "\n    insecure-skip-tls-verify: true",
        "user:\n    token: " + token);
  }

  private static String render(String contextName, String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            %2$s
        users:
        - name: %1$s
          %3$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: default
        current-context: %1$s
        """
        .formatted(contextName, cluster, user);
  }
}
