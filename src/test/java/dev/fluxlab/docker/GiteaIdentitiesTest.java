package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.GitServer;
import dev.fluxlab.git.GitWorkspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Network;

/** A tenant's git identity on real Gitea: its own repository only, the platform everything. */
class GiteaIdentitiesTest {
  private static final String OWNER = "fluxlab";

  @TempDir Path tmp;

  private final String env = "gid-" + ProcessHandle.current().pid();
  private GiteaServer gitea;
  private GitServer server;

  @BeforeEach
  void startGitea() {
    assumeTrue(DockerEngine.isReachable(), "no Docker engine reachable");
    assumeTrue(
        DockerEngine.missingImages(List.of(DockerImages.GITEA)).isEmpty(),
        "image not present locally (scripts/build-images): " + DockerImages.GITEA);
    Network network =
        Network.builder()
            .createNetworkCmdModifier(
                cmd ->
                    cmd.withName(DockerLabels.name(env))
                        .withLabels(DockerLabels.of(env, "network")))
            .build();
    gitea =
        GiteaServer.start(
            DockerImages.GITEA, network, env, OWNER, Credentials.generate("fluxlab-admin"));
    server = new GiteaGitServer().connect(info(), gitea.tokenCredentials());
    server.ensureRepository(OWNER, "fleet");
    server.ensureRepository(OWNER, "team-a");
    push("fleet", gitea.tokenCredentials(), "platform");
  }

  @AfterEach
  void removeGitea() {
    if (gitea != null) {
      DockerSweep.remove(DockerEngine.client(), env);
    }
  }

  @Test
  void aTenantPushesToItsOwnRepositoryButNotToTheFleetNorReadsIt() throws Exception {
    Credentials tenant = server.createIdentity(OWNER, "team-a", List.of("team-a"));

    assertThat(tenant.username()).isEqualTo("team-a");
    assertThat(tenant.password()).isNotEqualTo(gitea.tokenCredentials().password());
    assertThat(push("team-a", tenant, "tenant")).isNotNull();
    assertThatThrownBy(() -> fastForwardAs("fleet", tenant)).isInstanceOf(TransportException.class);
    assertThatThrownBy(() -> GitWorkspace.clone(url("fleet"), tenant, tmp.resolve("peek")))
        .isInstanceOf(FluxLabException.class)
        .hasMessageContaining("cannot clone " + url("fleet"));
    try (GitWorkspace fleet =
        GitWorkspace.clone(url("fleet"), gitea.tokenCredentials(), tmp.resolve("check"))) {
      assertThat(fleet.read("a.txt")).isEqualTo("platform");
      assertThat(fleet.exists("evil.yaml")).isFalse();
    }
  }

  @Test
  void aTenantCannotPushToAnotherTenantsRepository() throws Exception {
    server.ensureRepository(OWNER, "team-b");
    push("team-b", gitea.tokenCredentials(), "platform");
    Credentials tenant = server.createIdentity(OWNER, "team-a", List.of("team-a"));

    assertThatThrownBy(() -> fastForwardAs("team-b", tenant))
        .isInstanceOf(TransportException.class);
  }

  @Test
  void thePlatformStillPushesToATenantsRepository() {
    Credentials tenant = server.createIdentity(OWNER, "team-a", List.of("team-a"));
    push("team-a", tenant, "tenant");

    assertThat(push("team-a", gitea.tokenCredentials(), "platform")).isNotNull();
    assertThat(push("fleet", gitea.tokenCredentials(), "platform-again")).isNotNull();
  }

  /** Clones {@code repository} (an empty one gives an empty tree), changes a file, pushes. */
  private String push(String repository, Credentials who, String content) {
    Path dir = tmp.resolve(content + "-" + System.nanoTime());
    try (GitWorkspace ws = GitWorkspace.clone(url(repository), who, dir)) {
      ws.write("a.txt", content);
      return ws.commitAndPush(content);
    }
  }

  /**
   * The strongest attempt: a commit on top of the repository's history (cloned as the platform),
   * pushed with {@code who}'s credentials, so nothing but the permission can refuse it.
   */
  private void fastForwardAs(String repository, Credentials who) throws Exception {
    Path dir = tmp.resolve("attack-" + System.nanoTime());
    try (Git git =
        Git.cloneRepository()
            .setURI(url(repository))
            .setDirectory(dir.toFile())
            .setCredentialsProvider(provider(gitea.tokenCredentials()))
            .call()) {
      java.nio.file.Files.writeString(dir.resolve("evil.yaml"), "kind: ClusterRoleBinding\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("take over").setAuthor("t", "t@localhost").setSign(false).call();
      var results =
          git.push()
              .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
              .setCredentialsProvider(provider(who))
              .call();
      for (var result : results) {
        for (var update : result.getRemoteUpdates()) {
          if (update.getStatus() != org.eclipse.jgit.transport.RemoteRefUpdate.Status.OK) {
            throw new TransportException(update.getStatus() + " " + update.getMessage());
          }
        }
      }
    }
  }

  private static UsernamePasswordCredentialsProvider provider(Credentials c) {
    return new UsernamePasswordCredentialsProvider(c.username(), c.password());
  }

  private String url(String repository) {
    return gitea.url() + "/" + OWNER + "/" + repository + ".git";
  }

  private EnvironmentInfo info() {
    String url = gitea.url().toString();
    return new EnvironmentInfo(
        env,
        DockerBackend.ID,
        "multi-tenancy",
        url,
        url,
        url,
        OWNER,
        List.of(),
        Map.of(),
        "",
        0,
        "",
        "",
        "STARTING",
        null);
  }
}
