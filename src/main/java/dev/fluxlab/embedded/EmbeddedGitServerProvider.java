package dev.fluxlab.embedded;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.GitServer;

/**
 * The embedded backend's git server (JGit) creates a repository on its first push, as Gitea's
 * push-to-create does: nothing to prepare.
 */
public final class EmbeddedGitServerProvider implements GitServer.Provider {
  @Override
  public String backend() {
    return EmbeddedBackend.ID;
  }

  @Override
  public GitServer connect(EnvironmentInfo info, Credentials credentials) {
    return (owner, repository) -> {};
  }
}
