package dev.fluxlab.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedGitServerTest {
  private static final Duration PUSH_NOTICE = Duration.ofSeconds(5);
  private static final String OWNER = "fluxlab";

  @TempDir Path tmp;

  private final Credentials credentials = Credentials.generate("fluxlab");
  private final Credentials tenant = Credentials.generate("team-a");
  private Path charts;
  private GitIdentities identities;
  private EmbeddedGitServer server;

  @BeforeEach
  void start() throws IOException {
    charts = Files.createDirectories(tmp.resolve("charts"));
    identities = GitIdentities.of(tmp.resolve("env"));
    server =
        new EmbeddedGitServer(tmp.resolve("repos"), credentials, identities)
            .start(0, "/charts", charts);
  }

  /** Pushes one file to a repository as {@code who}; returns the commit. */
  private String pushFile(String repository, Credentials who, String dir) {
    try (GitWorkspace ws =
        GitWorkspace.init(server.cloneUrl(OWNER, repository), who, tmp.resolve(dir))) {
      ws.write("a.txt", dir);
      return ws.commitAndPush("push from " + dir);
    }
  }

  private void recordTenant() {
    identities.write(new GitIdentities.Identity(tenant, List.of(OWNER + "/team-a")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A local repository with one commit on main, pushed with JGit directly. */
  private Git localCommit(String name) throws Exception {
    Git git = Git.init().setDirectory(tmp.resolve(name).toFile()).setInitialBranch("main").call();
    Files.writeString(tmp.resolve(name).resolve("README.md"), "hello\n");
    git.add().addFilepattern(".").call();
    git.commit().setMessage("first").setAuthor("t", "t@localhost").setSign(false).call();
    return git;
  }

  private static void push(Git git, String url, UsernamePasswordCredentialsProvider auth)
      throws Exception {
    var push = git.push().setRemote(url).setRefSpecs(new RefSpec("HEAD:refs/heads/main"));
    if (auth != null) {
      push.setCredentialsProvider(auth);
    }
    push.call();
  }

  @Test
  void aPushWithoutCredentialsIsRefusedAndCreatesNothing() throws Exception {
    try (Git git = localCommit("anon")) {
      assertThatThrownBy(() -> push(git, server.cloneUrl(OWNER, "app"), null))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("Authentication is required");
    }
    assertThat(server.repositoryExists(OWNER, "app")).isFalse();
  }

  @Test
  void aPushWithAWrongPasswordIsRefusedAndCreatesNothing() throws Exception {
    var wrong = new UsernamePasswordCredentialsProvider(credentials.username(), "wrong");
    try (Git git = localCommit("wrong")) {
      assertThatThrownBy(() -> push(git, server.cloneUrl(OWNER, "app"), wrong))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("not authorized");
    }
    assertThat(server.repositoryExists(OWNER, "app")).isFalse();
  }

  @Test
  void thePushOfAWorkspaceWithWrongCredentialsFailsNamingTheUrl() {
    Credentials wrong = new Credentials(credentials.username(), "wrong");
    String url = server.cloneUrl(OWNER, "app");
    try (GitWorkspace ws = GitWorkspace.init(url, wrong, tmp.resolve("ws"))) {
      ws.write("a.txt", "a");

      assertThatThrownBy(() -> ws.commitAndPush("first"))
          .isInstanceOf(FluxLabException.class)
          .hasMessageContaining("cannot commit and push to " + url)
          .hasMessageContaining("not authorized")
          .hasCauseInstanceOf(TransportException.class);
    }
  }

  @Test
  void theFirstPushCreatesTheRepositoryAndACloneSeesTheCommitOnMain() throws Exception {
    String url = server.cloneUrl(OWNER, "app");
    String commit;
    try (GitWorkspace ws = GitWorkspace.init(url, credentials, tmp.resolve("ws"))) {
      ws.write("clusters/staging/app.yaml", "kind: ConfigMap\n");
      commit = ws.commitAndPush("seed");
    }

    assertThat(server.repositoryExists(OWNER, "app")).isTrue();
    try (GitWorkspace clone = GitWorkspace.clone(url, credentials, tmp.resolve("clone"));
        Git git = Git.open(clone.dir().toFile())) {
      assertThat(clone.read("clusters/staging/app.yaml")).isEqualTo("kind: ConfigMap\n");
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
      assertThat(git.getRepository().resolve("HEAD").name()).isEqualTo(commit);
    }
  }

  @Test
  void aSecondPushAddsToTheHistory() {
    String url = server.cloneUrl(OWNER, "app");
    try (GitWorkspace ws = GitWorkspace.init(url, credentials, tmp.resolve("ws"))) {
      ws.write("a.txt", "1");
      ws.commitAndPush("one");
    }
    String second;
    try (GitWorkspace ws = GitWorkspace.clone(url, credentials, tmp.resolve("ws2"))) {
      ws.write("a.txt", "2");
      second = ws.commitAndPush("two");
      assertThat(ws.commitAndPush("nothing changed")).isNull();
    }

    try (GitWorkspace clone = GitWorkspace.clone(url, credentials, tmp.resolve("clone"))) {
      assertThat(clone.read("a.txt")).isEqualTo("2");
    }
    assertThat(second).isNotNull();
  }

  @Test
  void cloningAnUnknownRepositoryFailsAndCreatesNothing() {
    String url = server.cloneUrl(OWNER, "nope");

    assertThatThrownBy(() -> GitWorkspace.clone(url, credentials, tmp.resolve("clone")))
        .isInstanceOf(FluxLabException.class)
        .hasMessageContaining("cannot clone " + url);
    assertThat(server.repositoryExists(OWNER, "nope")).isFalse();
  }

  @Test
  void chartFilesAreServedWithoutCredentialsButGitPathsNeedThem() throws Exception {
    Files.writeString(charts.resolve("index.yaml"), "apiVersion: v1\nentries: {}\n");
    server.createRepository(OWNER, "app");
    HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> chart =
        http.send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/charts/index.yaml")).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> refs =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.cloneUrl(OWNER, "app") + "/info/refs?service=git-upload-pack"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(chart.statusCode()).isEqualTo(200);
    assertThat(chart.body()).isEqualTo("apiVersion: v1\nentries: {}\n");
    assertThat(refs.statusCode()).isEqualTo(401);
    assertThat(refs.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void aPathThatOnlyStartsLikeTheChartPrefixStillNeedsCredentials() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        server
                            .baseUrl()
                            .resolve("/chartsevil/repo.git/info/refs?service=git-upload-pack"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void startingOnATakenPortFailsNamingTheSetting() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      EmbeddedGitServer second = new EmbeddedGitServer(tmp.resolve("other"), credentials);

      assertThatThrownBy(() -> second.start(taken.getLocalPort(), "/charts", null))
          .isInstanceOf(EmbeddedGitServer.PortInUseException.class)
          .hasMessageContaining("port " + taken.getLocalPort())
          .hasMessageContaining("'git.port'");
    }
  }

  @Test
  void closingReleasesThePortAndCanBeRepeated() throws IOException {
    int port = server.port();

    server.close();
    server.close();

    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void pushListenersAreToldOwnerAndRepository() {
    List<String> pushes = new CopyOnWriteArrayList<>();
    server.addPushListener((owner, repository) -> pushes.add(owner + "/" + repository));

    try (GitWorkspace ws =
        GitWorkspace.init(server.cloneUrl(OWNER, "tenant-a"), credentials, tmp.resolve("ws"))) {
      ws.write("a.txt", "a");
      ws.commitAndPush("first");
    }

    await()
        .atMost(PUSH_NOTICE)
        .untilAsserted(() -> assertThat(pushes).containsExactly("fluxlab/tenant-a"));
  }

  @Test
  void aRefusedPushTellsNoListener() throws Exception {
    List<String> pushes = new CopyOnWriteArrayList<>();
    server.addPushListener((owner, repository) -> pushes.add(owner + "/" + repository));
    server.createRepository(OWNER, "app");

    try (Git git = localCommit("anon")) {
      assertThatThrownBy(() -> push(git, server.cloneUrl(OWNER, "app"), null))
          .isInstanceOf(TransportException.class);
    }

    assertThat(pushes).isEmpty();
  }

  @Test
  void createRepositoryRejectsNamesThatCouldLeaveTheRoot() {
    assertThatThrownBy(() -> server.createRepository("..", "app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid owner name '..'");
    assertThatThrownBy(() -> server.createRepository(OWNER, "a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid repository name 'a/b'");
  }

  @Test
  void aTenantIdentityPushesToItsOwnRepositoryAndClonesIt() {
    recordTenant();

    String commit = pushFile("team-a", tenant, "tenant");

    try (GitWorkspace clone =
        GitWorkspace.clone(server.cloneUrl(OWNER, "team-a"), tenant, tmp.resolve("clone"))) {
      assertThat(clone.read("a.txt")).isEqualTo("tenant");
    }
    assertThat(commit).isNotNull();
  }

  @Test
  void aTenantIdentityCannotPushToThePlatformRepositoryNorReadIt() throws Exception {
    pushFile("fleet", credentials, "platform");
    recordTenant();
    String fleet = server.cloneUrl(OWNER, "fleet");

    // A commit on top of fleet's history: nothing but the permission can refuse it.
    Path dir = tmp.resolve("attack");
    try (Git git =
        Git.cloneRepository()
            .setURI(fleet)
            .setDirectory(dir.toFile())
            .setCredentialsProvider(auth(credentials))
            .call()) {
      Files.writeString(dir.resolve("evil.yaml"), "kind: ClusterRoleBinding\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("take over").setAuthor("t", "t@localhost").setSign(false).call();

      assertThatThrownBy(() -> push(git, fleet, auth(tenant)))
          .isInstanceOf(TransportException.class)
          .hasMessageContaining("not permitted");
    }
    assertThatThrownBy(() -> GitWorkspace.clone(fleet, tenant, tmp.resolve("peek")))
        .isInstanceOf(FluxLabException.class)
        .hasMessageContaining("not permitted");
    try (GitWorkspace clone = GitWorkspace.clone(fleet, credentials, tmp.resolve("check"))) {
      assertThat(clone.exists("evil.yaml")).isFalse();
      assertThat(clone.read("a.txt")).isEqualTo("platform");
    }
  }

  private static UsernamePasswordCredentialsProvider auth(Credentials c) {
    return new UsernamePasswordCredentialsProvider(c.username(), c.password());
  }

  @Test
  void aTenantIdentityCannotCreateARepositoryThatIsNotItsOwn() {
    recordTenant();

    assertThatThrownBy(() -> pushFile("team-b", tenant, "other"))
        .isInstanceOf(FluxLabException.class)
        .hasMessageContaining("not permitted");
    assertThat(server.repositoryExists(OWNER, "team-b")).isFalse();
  }

  @Test
  void aTenantIdentityWithAWrongSecretIsNotAuthenticated() {
    recordTenant();
    Credentials wrong = new Credentials(tenant.username(), "wrong");

    assertThatThrownBy(() -> pushFile("team-a", wrong, "wrong"))
        .isInstanceOf(FluxLabException.class)
        .hasMessageContaining("not authorized");
    assertThat(server.repositoryExists(OWNER, "team-a")).isFalse();
  }

  @Test
  void thePlatformStillReachesEveryRepositoryIncludingATenants() {
    recordTenant();
    pushFile("team-a", tenant, "tenant");

    try (GitWorkspace ws =
        GitWorkspace.clone(server.cloneUrl(OWNER, "team-a"), credentials, tmp.resolve("ws"))) {
      ws.write("a.txt", "platform");
      assertThat(ws.commitAndPush("platform edits the tenant")).isNotNull();
    }
    assertThat(pushFile("fleet", credentials, "fleet")).isNotNull();
  }

  @Test
  void anIdentityRecordedWhileTheServerRunsIsKnownAtOnce() {
    assertThatThrownBy(() -> pushFile("team-a", tenant, "before"))
        .isInstanceOf(FluxLabException.class)
        .hasMessageContaining("not authorized");

    recordTenant();

    assertThat(pushFile("team-a", tenant, "after")).isNotNull();
  }

  @Test
  void identitiesAreRecordedForTheOwnerOnly() throws IOException {
    recordTenant();

    Path dir = tmp.resolve("env").resolve(GitIdentities.DIRECTORY);
    assertThat(java.nio.file.Files.getPosixFilePermissions(dir))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    assertThat(java.nio.file.Files.getPosixFilePermissions(dir.resolve("team-a")))
        .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertThat(identities.find("team-a"))
        .hasValue(new GitIdentities.Identity(tenant, List.of(OWNER + "/team-a")));
    assertThat(identities.find("../team-a")).isEmpty();
  }

  @Test
  void aTenantCannotReachTheFleetThroughADotDotPath() throws Exception {
    pushFile("fleet", credentials, "platform");
    recordTenant();
    pushFile("team-a", tenant, "tenant");
    String basic =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString(
                    (tenant.username() + ":" + tenant.password())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    for (String path :
        List.of(
            "/fluxlab/team-a.git/../fleet.git/info/refs?service=git-upload-pack",
            "/fluxlab/team-a.git/%2e%2e/fleet.git/info/refs?service=git-upload-pack",
            "/fluxlab/%66leet.git/info/refs?service=git-upload-pack")) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                      .header("Authorization", basic)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(path).isIn(400, 403, 404);
    }
  }
}
