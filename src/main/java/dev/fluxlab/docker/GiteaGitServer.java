package dev.fluxlab.docker;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.GitServer;
import java.net.URI;

/** The docker backend's git server is Gitea: repositories are created through its API. */
public final class GiteaGitServer implements GitServer.Provider {
  @Override
  public String backend() {
    return DockerBackend.ID;
  }

  @Override
  public GitServer connect(EnvironmentInfo info, Credentials credentials) {
    GiteaApi api = new GiteaApi(URI.create(info.gitUrl()), credentials);
    return api::ensureRepository;
  }
}
