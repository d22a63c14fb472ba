package dev.fluxlab.docker;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.GitServer;
import java.net.URI;
import java.util.List;

/**
 * The docker backend's git server is Gitea: repositories are created through its API, and a
 * tenant's identity is a Gitea user of its own, collaborator with write access on its repositories
 * only, that git authenticates with a token scoped to repositories.
 */
public final class GiteaGitServer implements GitServer.Provider {
  private static final List<String> TENANT_TOKEN_SCOPES = List.of("write:repository");

  @Override
  public String backend() {
    return DockerBackend.ID;
  }

  @Override
  public GitServer connect(EnvironmentInfo info, Credentials credentials) {
    URI url = URI.create(info.gitUrl());
    GiteaApi platform = new GiteaApi(url, credentials);
    return new GitServer() {
      @Override
      public void ensureRepository(String owner, String repository) {
        platform.ensureRepository(owner, repository);
      }

      @Override
      public Credentials createIdentity(String owner, String user, List<String> repositories) {
        // The login password only serves to make the token; it is not kept.
        Credentials login = Credentials.generate(user);
        platform.createUser(login);
        String token =
            new GiteaApi(url, login).createToken(user, "fluxlab-git", TENANT_TOKEN_SCOPES);
        for (String repository : repositories) {
          platform.addCollaborator(owner, repository, user);
        }
        return new Credentials(user, token);
      }
    };
  }
}
