package dev.fluxlab.api;

import dev.fluxlab.git.GitIdentities;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.util.SecureFiles;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A handle on a running environment, the same for every backend: its git repositories (through
 * smart HTTP with the per-run credentials) and its clusters (through their kubeconfigs). A handle
 * made by {@link #attach} in another process works exactly like the one {@code deploy} returned.
 * {@link #close()} releases the handle; when this process owns the environment (embedded backend)
 * it also stops it.
 */
public final class Environment implements AutoCloseable {
  private final Path envDir;
  private final EnvironmentInfo info;
  private final Credentials credentials;
  private final AutoCloseable runtime;
  private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

  public Environment(
      Path envDir, EnvironmentInfo info, Credentials credentials, AutoCloseable runtime) {
    this.envDir = envDir;
    this.info = info;
    this.credentials = credentials;
    this.runtime = runtime;
  }

  /**
   * Attaches to the environment whose state lies in {@code envDir}.
   *
   * @throws FluxLabException when there is no ready environment there
   */
  public static Environment attach(Path envDir) {
    EnvironmentInfo info = EnvironmentInfo.read(envDir);
    String name = envDir.getFileName().toString();
    if (info == null) {
      throw new FluxLabException(
          "no environment '"
              + name
              + "' under "
              + envDir.getParent()
              + " (run `fluxlab deploy` first)");
    }
    if (!info.isReady()) {
      throw new FluxLabException(
          "environment '"
              + name
              + "' is "
              + info.state()
              + (info.error() == null ? "" : ": " + info.error()));
    }
    if (info.ownerPid() > 0
        && !ProcessHandle.of(info.ownerPid()).map(ProcessHandle::isAlive).orElse(false)) {
      throw new FluxLabException(
          "environment '"
              + name
              + "' is gone: its process "
              + info.ownerPid()
              + " is not running (run `fluxlab teardown --name "
              + name
              + "` to clean up)");
    }
    return new Environment(envDir, info, readCredentials(Path.of(info.credentialsFile())), null);
  }

  public String name() {
    return info.name();
  }

  public EnvironmentInfo info() {
    return info;
  }

  public Path dir() {
    return envDir;
  }

  /** The platform's git credentials: every repository, including {@code fleet}. */
  public Credentials credentials() {
    return credentials;
  }

  /**
   * The credentials fluxlab uses for {@code repository}: its tenant's own identity when a tenant
   * owns it ({@link #addGitIdentity}), the platform's otherwise.
   */
  public Credentials credentialsFor(String repository) {
    return GitIdentities.of(envDir)
        .owning(info.gitOwner(), repository)
        .map(GitIdentities.Identity::credentials)
        .orElse(credentials);
  }

  /**
   * Gives a tenant a git identity of its own on the environment's git server, allowed to read and
   * push {@code repositories} (which must exist) and nothing else, and records it (0600, never
   * printed). An identity recorded earlier is returned as it is.
   */
  public Credentials addGitIdentity(String user, List<String> repositories) {
    GitIdentities identities = GitIdentities.of(envDir);
    var recorded = identities.find(user);
    if (recorded.isPresent()) {
      return recorded.get().credentials();
    }
    if (!GitIdentities.isValidUser(user)
        || user.equals(credentials.username())
        || user.equals(info.gitOwner())) {
      throw new InvalidInputException(
          "'"
              + user
              + "' cannot be a git user of its own (lower-case letters, digits and '-', and not '"
              + info.gitOwner()
              + "' or '"
              + credentials.username()
              + "')");
    }
    Credentials created =
        GitServer.of(info, credentials).createIdentity(info.gitOwner(), user, repositories);
    identities.write(
        new GitIdentities.Identity(
            created, repositories.stream().map(r -> info.gitOwner() + "/" + r).toList()));
    return created;
  }

  /** The tenants' git identities recorded for this environment, by user. */
  public Map<String, Credentials> gitIdentities() {
    Map<String, Credentials> all = new java.util.LinkedHashMap<>();
    GitIdentities.of(envDir)
        .all()
        .forEach((user, identity) -> all.put(user, identity.credentials()));
    return all;
  }

  /** The 0600 file that holds {@code user}'s git identity. */
  public Path gitIdentityFile(String user) {
    return envDir.resolve(GitIdentities.DIRECTORY).resolve(user);
  }

  public List<String> clusters() {
    return List.copyOf(info.kubeconfigs().keySet());
  }

  public Path kubeconfig(String cluster) {
    String file = info.kubeconfigs().get(cluster);
    if (file == null) {
      throw new FluxLabException(
          "no cluster '"
              + cluster
              + "' in environment '"
              + name()
              + "' (clusters: "
              + String.join(", ", clusters())
              + ")");
    }
    return Path.of(file);
  }

  /** A client for one cluster, made from its kubeconfig and kept for the life of the handle. */
  public KubernetesClient client(String cluster) {
    return clients.computeIfAbsent(
        cluster,
        c -> {
          try {
            Config config = Config.fromKubeconfig(Files.readString(kubeconfig(c)));
            return new KubernetesClientBuilder().withConfig(config).build();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  public FluxObjects flux(String cluster) {
    return new FluxObjects(client(cluster));
  }

  /** The clone URL of a repository, as this machine reaches it. */
  public String repositoryUrl(String repository) {
    return info.gitUrl() + "/" + info.gitOwner() + "/" + repository + ".git";
  }

  /**
   * Makes sure a repository exists before its first push, as the backend's {@link GitServer} does
   * it (an existing repository is not an error).
   */
  public void ensureRepository(String repository) {
    GitServer.of(info, credentials).ensureRepository(info.gitOwner(), repository);
  }

  /**
   * Clones a repository into a scratch directory of this environment, as the identity that owns it
   * ({@link #credentialsFor}); close it when done.
   */
  public GitWorkspace checkout(String repository) {
    Path dir = envDir.resolve("tmp").resolve("checkout-" + repository + "-" + UUID.randomUUID());
    return GitWorkspace.clone(repositoryUrl(repository), credentialsFor(repository), dir);
  }

  @Override
  public void close() {
    clients.values().forEach(KubernetesClient::close);
    clients.clear();
    if (runtime != null) {
      try {
        runtime.close();
      } catch (Exception e) {
        throw new FluxLabException(
            "stopping environment '" + name() + "' failed: " + e.getMessage(), e);
      }
    }
  }

  /** Writes the credentials file (0600). */
  public static Path writeCredentials(Path file, Credentials credentials) {
    return SecureFiles.writeOwnerOnly(
        file,
        "# git server credentials of this fluxlab environment\nusername="
            + credentials.username()
            + "\npassword="
            + credentials.password()
            + "\n");
  }

  static Credentials readCredentials(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new FluxLabException("cannot read credentials " + file + ": " + e.getMessage(), e);
    }
    return new Credentials(p.getProperty("username"), p.getProperty("password"));
  }
}
