package dev.fluxlab.api;

import java.util.List;
import java.util.ServiceLoader;

/**
 * What the backend-neutral code needs of an environment's git server beyond git's own protocol
 * (which {@link Environment} speaks to every server alike). Each backend provides its own through
 * {@link Provider}, found with {@link ServiceLoader}, so this package knows none of them.
 */
public interface GitServer {
  /** Makes sure {@code owner/repository} exists before its first push; existing is fine. */
  void ensureRepository(String owner, String repository);

  /**
   * Makes a user of its own for a tenant that may read and push {@code owner/<repository>} for each
   * of {@code repositories} (which exist) and nothing else, and returns what git authenticates it
   * with. The caller records it ({@link Environment#addGitIdentity}).
   */
  Credentials createIdentity(String owner, String user, List<String> repositories);

  /** One backend's git server, made from an environment's recorded state. */
  interface Provider {
    /** The backend id ({@link Backend#id()}) whose environments this serves. */
    String backend();

    GitServer connect(EnvironmentInfo info, Credentials credentials);
  }

  /** The git server of {@code info}'s backend. */
  static GitServer of(EnvironmentInfo info, Credentials credentials) {
    for (Provider p : ServiceLoader.load(Provider.class, GitServer.class.getClassLoader())) {
      if (p.backend().equals(info.backend())) {
        return p.connect(info, credentials);
      }
    }
    throw new FluxLabException(
        "no git server for backend '" + info.backend() + "' of environment " + info.name());
  }
}
