package dev.fluxlab.embedded;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.GitServer;
import java.util.List;

/**
 * The embedded backend's git server (JGit) creates a repository on its first push, as Gitea's
 * push-to-create does, and takes its users from the environment's recorded git identities: a new
 * identity is a fresh per-run secret, known to the server as soon as it is recorded.
 */
public final class EmbeddedGitServerProvider implements GitServer.Provider {
  @Override
  public String backend() {
    return EmbeddedBackend.ID;
  }

  @Override
  public GitServer connect(EnvironmentInfo info, Credentials credentials) {
    return new GitServer() {
      @Override
      public void ensureRepository(String owner, String repository) {}

      @Override
      public Credentials createIdentity(String owner, String user, List<String> repositories) {
        return Credentials.generate(user);
      }
    };
  }
}
