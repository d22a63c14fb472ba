package dev.fluxlab.docker;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * A headless Gitea in a container: configured by a complete app.ini (install lock, sqlite, no
 * registration, packages on), an admin user made with the {@code gitea} CLI inside the container as
 * the git user, a scoped API token and the organisation that owns the repositories.
 *
 * <p>Works with Gitea's rootless image layout ({@code /etc/gitea/app.ini}, data in {@code
 * /var/lib/gitea}, uid 1000), which the upstream image and fluxlab's locally built one share.
 */
public final class GiteaServer {
  /** The name clusters reach Gitea by: a network alias here, a Service inside k3s. */
  public static final String HOST = "gitea";

  public static final int PORT = 3000;
  private static final String APP_INI = "/etc/gitea/app.ini";
  private static final String GIT_UID = "1000";
  private static final List<String> TOKEN_SCOPES =
      // write:admin: tenants get users of their own (admin API).
      List.of(
          "write:repository", "write:user", "write:organization", "write:package", "write:admin");

  private final GenericContainer<?> container;
  private final Credentials admin;
  private Credentials tokenCredentials;

  private GiteaServer(GenericContainer<?> container, Credentials admin) {
    this.container = container;
    this.admin = admin;
  }

  /**
   * Starts Gitea on {@code network} and prepares {@code owner}.
   *
   * @param admin the UI login (per-run password); the API and git use a token made from it
   */
  @SuppressWarnings("resource") // stopped by the environment's teardown (by label)
  public static GiteaServer start(
      String image, Network network, String env, String owner, Credentials admin) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withNetwork(network)
            .withNetworkAliases(HOST)
            .withExposedPorts(PORT)
            .withLabels(DockerLabels.of(env, "gitea"))
            .withCreateContainerCmdModifier(cmd -> cmd.withName(DockerLabels.name(env, "gitea")))
            .withCopyToContainer(Transferable.of(appIni(), 0644), APP_INI)
            .waitingFor(
                Wait.forHttp("/api/healthz")
                    .forPort(PORT)
                    .withStartupTimeout(Duration.ofMinutes(2)));
    Containers.start(container, "Gitea");
    GiteaServer gitea = new GiteaServer(container, admin);
    gitea.createAdmin();
    GiteaApi asAdmin = new GiteaApi(gitea.url(), admin);
    String token = asAdmin.createToken(admin.username(), "fluxlab-" + env, TOKEN_SCOPES);
    gitea.tokenCredentials = new Credentials(admin.username(), token);
    gitea.api().ensureOrganization(owner);
    return gitea;
  }

  /** Gitea's root URL as this machine reaches it (a mapped port on localhost). */
  public URI url() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(PORT));
  }

  /** Gitea's root URL as the clusters reach it. */
  public static String urlInCluster() {
    return "http://" + HOST + ":" + PORT;
  }

  /** Username + API token: what git and the API authenticate with. */
  public Credentials tokenCredentials() {
    return tokenCredentials;
  }

  public GiteaApi api() {
    return new GiteaApi(url(), tokenCredentials);
  }

  /** The container's IP address on the environment's network. */
  public String networkAddress() {
    return Containers.networkAddress(container, "Gitea");
  }

  /**
   * Attaches Gitea to another Docker network (an existing cluster's, e.g. kind's) as {@code gitea};
   * returns its address there.
   */
  public String attachTo(String network) {
    return Containers.attach(container, network, HOST, "Gitea");
  }

  public String logs() {
    return container.getLogs();
  }

  private void createAdmin() {
    ExecConfig exec =
        ExecConfig.builder()
            .user(GIT_UID)
            .command(
                new String[] {
                  "gitea",
                  "--config",
                  APP_INI,
                  "admin",
                  "user",
                  "create",
                  "--admin",
                  "--username",
                  admin.username(),
                  "--password",
                  admin.password(),
                  "--email",
                  admin.username() + "@fluxlab.invalid",
                  "--must-change-password=false"
                })
            .build();
    try {
      Container.ExecResult result = container.execInContainer(exec);
      if (result.getExitCode() != 0 && !result.getStdout().contains("already exists")) {
        throw new FluxLabException(
            "creating the Gitea admin user failed (exit "
                + result.getExitCode()
                + "): "
                + (result.getStderr() + result.getStdout()).strip().replace('\n', ' '));
      }
    } catch (IOException e) {
      throw new FluxLabException("creating the Gitea admin user failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FluxLabException("interrupted while creating the Gitea admin user", e);
    }
  }

  /**
   * A complete configuration, so Gitea starts installed and never shows its install page. The
   * secrets are per run. ROOT_URL is the in-cluster address: Helm index URLs are built from it.
   */
  static String appIni() {
    return """
        APP_NAME = fluxlab
        RUN_MODE = prod
        WORK_PATH = /var/lib/gitea

        [server]
        PROTOCOL = http
        HTTP_PORT = %1$d
        DOMAIN = %2$s
        ROOT_URL = http://%2$s:%1$d/
        APP_DATA_PATH = /var/lib/gitea/data
        DISABLE_SSH = true
        START_SSH_SERVER = false
        LFS_START_SERVER = false
        OFFLINE_MODE = true

        [database]
        DB_TYPE = sqlite3
        PATH = /var/lib/gitea/data/gitea.db

        [repository]
        ROOT = /var/lib/gitea/git/repositories
        DEFAULT_BRANCH = main
        ENABLE_PUSH_CREATE_USER = true
        ENABLE_PUSH_CREATE_ORG = true

        [security]
        INSTALL_LOCK = true
        SECRET_KEY = %3$s
        INTERNAL_TOKEN = %4$s

        [oauth2]
        ENABLED = false

        [service]
        DISABLE_REGISTRATION = true
        REQUIRE_SIGNIN_VIEW = false

        [packages]
        ENABLED = true

        [webhook]
        ALLOWED_HOST_LIST = *

        [cron.update_checker]
        ENABLED = false

        [log]
        MODE = console
        LEVEL = Warn
        """
        .formatted(
            PORT, HOST, Credentials.generate("k").password(), Credentials.generate("k").password());
  }
}
