package dev.fluxlab.docker;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.oci.RegistryConfig;
import dev.fluxlab.oci.RegistryRoute;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The environment's OCI registry in a container (image {@code image.registry}: CNCF distribution,
 * the upstream image's layout): on the environment's network as {@code fluxlab-registry:5000}, the
 * name repositories use, serving TLS with a certificate of a CA made for this run and answering
 * nobody without the per-run credentials (htpasswd, bcrypt). This machine reaches it through a
 * mapped port; its storage is the container's own and goes with it at teardown.
 */
public final class RegistryServer {
  /** The registry's uid in fluxlab's image; the files copied in are its own, 0600. */
  private static final int REGISTRY_UID = 65534;

  private static final String CONFIG_DIR = "/etc/distribution";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(1);

  private final GenericContainer<?> container;
  private final RegistryAccess access;

  private RegistryServer(GenericContainer<?> container, RegistryAccess access) {
    this.container = container;
    this.access = access;
  }

  /** Starts the registry on {@code network}; returns once it answers the credentials. */
  @SuppressWarnings("resource") // stopped by the environment's teardown (by label)
  public static RegistryServer start(
      String image, Network network, String env, Credentials credentials) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withNetwork(network)
            .withNetworkAliases(RegistryRoute.STABLE_NAME)
            .withExposedPorts(RegistryRoute.STABLE_PORT)
            .withLabels(DockerLabels.of(env, "registry"))
            .withCreateContainerCmdModifier(
                cmd -> cmd.withName(DockerLabels.name(env, "registry")));
    // The address this machine reaches the mapped port at is known before the start: the
    // certificate covers it as well as the stable name.
    RegistryConfig.Tls tls = RegistryConfig.Tls.create(serverNames(container.getHost()));
    container
        .withCopyToContainer(
            own(
                RegistryConfig.yaml(
                    ":" + RegistryRoute.STABLE_PORT,
                    "/var/lib/registry",
                    CONFIG_DIR + "/tls.crt",
                    CONFIG_DIR + "/tls.key",
                    CONFIG_DIR + "/htpasswd")),
            CONFIG_DIR + "/config.yml")
        .withCopyToContainer(own(tls.serving().certificatePem()), CONFIG_DIR + "/tls.crt")
        .withCopyToContainer(own(tls.serving().keyPem()), CONFIG_DIR + "/tls.key")
        .withCopyToContainer(
            own(RegistryConfig.htpasswdLine(credentials)), CONFIG_DIR + "/htpasswd")
        // Ready once an authenticated request is answered (the CA is checked by every later
        // client; this probe only waits).
        .waitingFor(
            Wait.forHttps("/v2/")
                .forPort(RegistryRoute.STABLE_PORT)
                .allowInsecure()
                .withBasicCredentials(credentials.username(), credentials.password())
                .forStatusCode(200)
                .withStartupTimeout(READY_TIMEOUT));
    Containers.start(container, "the OCI registry");
    String host = container.getHost() + ":" + container.getMappedPort(RegistryRoute.STABLE_PORT);
    return new RegistryServer(container, new RegistryAccess(host, credentials, tls.caPem()));
  }

  /** The stable name and, unless it is loopback (always covered), the host of the mapped port. */
  static List<String> serverNames(String mappedHost) {
    List<String> names = new ArrayList<>(List.of(RegistryRoute.STABLE_NAME));
    if (!List.of("localhost", "127.0.0.1").contains(mappedHost)) {
      names.add(mappedHost);
    }
    return names;
  }

  private static OwnedFile own(String content) {
    return OwnedFile.of(content, 0600, REGISTRY_UID);
  }

  /** How this machine reaches the registry: the mapped port, the credentials, the CA. */
  public RegistryAccess access() {
    return access;
  }

  /** The container, for tests that look inside. */
  GenericContainer<?> container() {
    return container;
  }

  /** The container's IP address on the environment's network. */
  public String networkAddress() {
    return Containers.networkAddress(container, "the OCI registry");
  }

  /** Attaches the registry to another Docker network (an existing cluster's); its address there. */
  public String attachTo(String network) {
    return Containers.attach(container, network, RegistryRoute.STABLE_NAME, "the OCI registry");
  }
}
