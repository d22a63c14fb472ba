package dev.fluxlab.embedded.oci;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.embedded.kube.FreePort;
import dev.fluxlab.embedded.kube.ManagedProcess;
import dev.fluxlab.embedded.kube.Pki;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.util.SecureFiles;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * An OCI registry (CNCF distribution) run as a local process for one environment: storage, config,
 * htpasswd file and TLS key below its directory (0700, files 0600), listening on 127.0.0.1 only,
 * serving TLS with a certificate of a CA made for it and answering nobody without the per-run
 * credentials. Its command line names its config file inside the environment directory, which is
 * how {@code ProcessSweep} finds it after the owner was killed. {@link #close()} is idempotent.
 */
public final class OciRegistry implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int BCRYPT_COST = 10;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ManagedProcess process;
  private final RegistryAccess access;

  private OciRegistry(ManagedProcess process, RegistryAccess access) {
    this.process = process;
    this.access = access;
  }

  /** Starts the registry in {@code dir} and returns once it answers authenticated requests. */
  public static OciRegistry start(Path binary, Path dir, Credentials credentials) {
    SecureFiles.createOwnerOnlyDirectory(dir);
    Pki ca = Pki.create("fluxlab-registry");
    // The name the docker backend's clusters will reach it by is added there; here only loopback.
    Pki.Files tls = ca.server("registry", List.of()).write(dir, "tls");
    Path htpasswd = SecureFiles.writeOwnerOnly(dir.resolve("htpasswd"), htpasswdLine(credentials));
    int port = FreePort.pick();
    String host = "127.0.0.1:" + port;
    Path config =
        SecureFiles.writeOwnerOnly(
            dir.resolve("config.yml"),
            config(host, SecureFiles.createOwnerOnlyDirectory(dir.resolve("data")), tls, htpasswd));
    // Created owner-only before the process appends to it.
    Path log = SecureFiles.writeOwnerOnly(dir.resolve("registry.log"), "");
    ManagedProcess process =
        ManagedProcess.start(
            "registry",
            List.of(binary.toString(), "serve", config.toString()),
            // distribution v3 traces with OpenTelemetry; nothing here collects traces.
            Map.of("OTEL_TRACES_EXPORTER", "none"),
            log);
    OciRegistry registry =
        new OciRegistry(process, new RegistryAccess(host, credentials, ca.caPem()));
    try {
      registry.awaitReady();
      return registry;
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
  }

  public RegistryAccess access() {
    return access;
  }

  public long pid() {
    return process.pid();
  }

  private void awaitReady() {
    OciClient client = OciClient.forRegistry(access);
    AtomicReference<String> lastError = new AtomicReference<>("no answer");
    try {
      await("OCI registry on " + access.host())
          .atMost(READY_TIMEOUT)
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                if (!process.isAlive()) {
                  return true;
                }
                try {
                  client.ping();
                  lastError.set("ready");
                  return true;
                } catch (RuntimeException e) {
                  lastError.set(e.getMessage());
                  return false;
                }
              });
    } catch (ConditionTimeoutException e) {
      // Reported below with what the last attempt said.
    }
    if (!process.isAlive() || !lastError.get().equals("ready")) {
      throw new FluxLabException(
          "the OCI registry on "
              + access.host()
              + (process.isAlive()
                  ? " did not answer within " + READY_TIMEOUT.toSeconds() + " s: " + lastError.get()
                  : " exited")
              + "; last log lines:\n"
              + process.lastLogLines(10));
    }
  }

  /** An htpasswd line with a bcrypt hash ({@code $2y$}, as {@code htpasswd -B} writes it). */
  static String htpasswdLine(Credentials credentials) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String hash =
        OpenBSDBCrypt.generate("2y", credentials.password().toCharArray(), salt, BCRYPT_COST);
    return credentials.username() + ":" + hash + "\n";
  }

  private static String config(String host, Path data, Pki.Files tls, Path htpasswd) {
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
        "  addr: " + host,
        // Signs upload state between requests; per run, never reused.
        "  secret: " + HexFormat.of().formatHex(secret),
        "  tls:",
        "    certificate: " + quoted(tls.certificate()),
        "    key: " + quoted(tls.key()),
        "auth:",
        "  htpasswd:",
        "    realm: fluxlab",
        "    path: " + quoted(htpasswd),
        "");
  }

  /** A YAML double-quoted scalar (paths may hold spaces or colons). */
  private static String quoted(Path p) {
    String s = p.toAbsolutePath().toString();
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('"').toString();
  }

  @Override
  public void close() {
    process.close();
  }
}
