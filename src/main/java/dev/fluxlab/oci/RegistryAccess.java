package dev.fluxlab.oci;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How to reach an environment's OCI registry: its {@code host:port}, the per-run credentials and
 * the CA that signed its serving certificate. Written next to the git credentials (mode 0600) so
 * that later commands ({@code fluxlab push artifact}) reach the same registry; {@link #toString()}
 * never shows the password.
 */
public record RegistryAccess(String host, Credentials credentials, String caPem) {
  static final String FILE = "registry-credentials";
  static final String CA_FILE = "registry-ca.crt";

  /** {@code oci://host/repository}, as an OCIRepository's {@code spec.url} names it. */
  public String url(String repository) {
    return "oci://" + host + "/" + repository;
  }

  /** Writes {@code registry-credentials} and {@code registry-ca.crt} into {@code envDir}. */
  public Path write(Path envDir) {
    SecureFiles.writeOwnerOnly(envDir.resolve(CA_FILE), caPem);
    return SecureFiles.writeOwnerOnly(
        envDir.resolve(FILE),
        "# OCI registry of this fluxlab environment (TLS: CA in "
            + CA_FILE
            + ")\nhost="
            + host
            + "\nusername="
            + credentials.username()
            + "\npassword="
            + credentials.password()
            + "\n");
  }

  /** The registry of the environment in {@code envDir}, or a one-line reason there is none. */
  public static RegistryAccess read(Path envDir) {
    Path file = envDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new FluxLabException(
          "environment " + envDir.getFileName() + " has no OCI registry (" + file + " missing)");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
      return new RegistryAccess(
          p.getProperty("host"),
          new Credentials(p.getProperty("username"), p.getProperty("password")),
          Files.readString(envDir.resolve(CA_FILE)));
    } catch (IOException e) {
      throw new FluxLabException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "RegistryAccess[host=" + host + ", " + credentials + "]";
  }
}
