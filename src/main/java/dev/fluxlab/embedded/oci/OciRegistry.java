package dev.fluxlab.embedded.oci;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.embedded.kube.FreePort;
import dev.fluxlab.embedded.kube.ManagedProcess;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.oci.RegistryConfig;
import dev.fluxlab.util.Pki;
import dev.fluxlab.util.SecureFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * An OCI registry (CNCF distribution) run as a local process for one environment: storage, config,
 * htpasswd file and TLS key below its directory (0700, files 0600), listening on 127.0.0.1 only,
 * serving TLS with a certificate of a CA made for it and answering nobody without the per-run
 * credentials. Its command line names its config file inside the environment directory, which is
 * how {@code ProcessSweep} finds it after the owner was killed. {@link #close()} is idempotent.
 */
public final class OciRegistry implements AutoCloseable {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final int PORT_ATTEMPTS = 3;

  private final ManagedProcess process;
  private final RegistryAccess access;

  private OciRegistry(ManagedProcess process, RegistryAccess access) {
    this.process = process;
    this.access = access;
  }

  /** Starts the registry in {@code dir} and returns once it answers authenticated requests. */
  public static OciRegistry start(Path binary, Path dir, Credentials credentials) {
    SecureFiles.createOwnerOnlyDirectory(dir);
    // Only loopback: the embedded source controller routes the stable name to it.
    RegistryConfig.Tls ca = RegistryConfig.Tls.create(List.of());
    Pki.Files tls = ca.serving().write(dir, "tls");
    Path htpasswd =
        SecureFiles.writeOwnerOnly(
            dir.resolve("htpasswd"), RegistryConfig.htpasswdLine(credentials));
    String data = absolute(SecureFiles.createOwnerOnlyDirectory(dir.resolve("data")));
    // A port drawn free may be bound by another process before the registry binds it: then the
    // registry exits at once, and starts again on a fresh port.
    for (int attempt = 1; ; attempt++) {
      try {
        return startOn(FreePort.pick(), binary, dir, credentials, ca, tls, htpasswd, data);
      } catch (PortTakenException e) {
        if (attempt == PORT_ATTEMPTS) {
          throw new FluxLabException(e.getMessage());
        }
      }
    }
  }

  private static OciRegistry startOn(
      int port,
      Path binary,
      Path dir,
      Credentials credentials,
      RegistryConfig.Tls ca,
      Pki.Files tls,
      Path htpasswd,
      String data) {
    String host = "127.0.0.1:" + port;
    Path config =
        SecureFiles.writeOwnerOnly(
            dir.resolve("config.yml"),
            RegistryConfig.yaml(
                host, data, absolute(tls.certificate()), absolute(tls.key()), absolute(htpasswd)));
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
      String log = process.lastLogLines(10);
      if (!process.isAlive() && log.contains("address already in use")) {
        throw new PortTakenException("the OCI registry on " + access.host() + " exited: " + log);
      }
      throw new FluxLabException(
          "the OCI registry on "
              + access.host()
              + (process.isAlive()
                  ? " did not answer within " + READY_TIMEOUT.toSeconds() + " s: " + lastError.get()
                  : " exited")
              + "; its log ends with: "
              + log);
    }
  }

  /** The registry could not bind a port that was free when it was drawn. */
  private static final class PortTakenException extends FluxLabException {
    PortTakenException(String message) {
      super(message);
    }
  }

  private static String absolute(Path p) {
    return p.toAbsolutePath().toString();
  }

  @Override
  public void close() {
    process.close();
  }
}
