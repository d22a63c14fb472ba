package dev.fluxlab.oci;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.util.Pki;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * What an environment's registry (CNCF distribution) is started with, wherever it runs (a local
 * process on the embedded backend, a container on the docker backend): a CA and serving certificate
 * made for this run, an htpasswd line with a bcrypt hash of the per-run password, and the config
 * file that ties them together. The password itself is in none of them.
 */
public final class RegistryConfig {
  private static final int BCRYPT_COST = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RegistryConfig() {}

  /** A CA for one registry, and its serving certificate for loopback plus {@code names}. */
  public record Tls(String caPem, Pki.Issued serving) {
    public static Tls create(List<String> names) {
      Pki ca = Pki.create("fluxlab-registry");
      return new Tls(ca.caPem(), ca.server("registry", names));
    }
  }

  /** An htpasswd line with a bcrypt hash ({@code $2y$}, as {@code htpasswd -B} writes it). */
  public static String htpasswdLine(Credentials credentials) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String hash =
        OpenBSDBCrypt.generate("2y", credentials.password().toCharArray(), salt, BCRYPT_COST);
    return credentials.username() + ":" + hash + "\n";
  }

  /**
   * The registry's config file: filesystem storage with deletes, TLS, htpasswd auth, warnings only.
   *
   * @param addr where it listens ({@code 127.0.0.1:PORT}, {@code :5000})
   * @param data the storage directory, as the registry sees it (so are the other paths)
   * @param certificate the serving certificate (PEM)
   * @param key its private key (PEM)
   * @param htpasswd the htpasswd file
   */
  public static String yaml(
      String addr, String data, String certificate, String key, String htpasswd) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return String.join(
        "\n",
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + quoted(data),
        "  delete:",
        "    enabled: true",
        "http:",
        "  addr: " + quoted(addr),
        // Signs upload state between requests; per run, never reused.
        "  secret: " + HexFormat.of().formatHex(secret),
        "  tls:",
        "    certificate: " + quoted(certificate),
        "    key: " + quoted(key),
        "auth:",
        "  htpasswd:",
        "    realm: fluxlab",
        "    path: " + quoted(htpasswd),
        "");
  }

  /** A YAML double-quoted scalar (paths may hold spaces or colons). */
  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }
}
