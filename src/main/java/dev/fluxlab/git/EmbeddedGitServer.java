package dev.fluxlab.git;

import dev.fluxlab.api.Credentials;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ResourceServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;
import org.eclipse.jgit.transport.resolver.ServiceNotEnabledException;
import org.eclipse.jgit.util.FS;

/**
 * A git smart-HTTP server in this JVM, shaped like a small Gitea: repositories live at {@code
 * /<owner>/<name>.git}, are created by the first push (or {@link #createRepository}), default to
 * branch {@code main}, and every request needs credentials: the platform's reach every repository,
 * a tenant's ({@link GitIdentities}) only the tenant's own. A static directory can be served beside
 * it (the chart repository).
 */
public final class EmbeddedGitServer implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private final Path root;
  private final Credentials credentials;
  private final GitIdentities identities;
  private final List<PushListener> listeners = new CopyOnWriteArrayList<>();
  private Server server;
  private int port;

  /** A server that only the platform's user may use. */
  public EmbeddedGitServer(Path root, Credentials credentials) {
    this(root, credentials, GitIdentities.none());
  }

  /**
   * @param credentials the platform's user, which may use every repository
   * @param identities the other users, each limited to its own repositories
   */
  public EmbeddedGitServer(Path root, Credentials credentials, GitIdentities identities) {
    this.root = root;
    this.credentials = credentials;
    this.identities = identities;
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @param requestedPort the port, or 0 for a free one
   * @param staticPrefix URL prefix (e.g. "/charts") under which {@code staticDir} is served
   * @throws PortInUseException when the requested port is taken
   */
  public EmbeddedGitServer start(int requestedPort, String staticPrefix, Path staticDir) {
    Server s = new Server();
    ServerConnector connector = new ServerConnector(s);
    connector.setHost("127.0.0.1");
    connector.setPort(requestedPort);
    s.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    if (staticDir != null) {
      ServletHolder files = new ServletHolder("static", ResourceServlet.class);
      files.setInitParameter("baseResource", staticDir.toUri().toString());
      files.setInitParameter("pathInfoOnly", "true");
      files.setInitParameter("dirAllowed", "false");
      context.addServlet(files, staticPrefix + "/*");
    }
    GitServlet git = new GitServlet();
    git.setRepositoryResolver(new OnDiskResolver());
    git.setReceivePackFactory(
        (req, db) -> {
          ReceivePack pack = new ReceivePack(db);
          pack.setPostReceiveHook((rp, commands) -> notifyPush(db));
          return pack;
        });
    context.addServlet(new ServletHolder(git), "/*");
    // Static files (the chart repository) are public, as a public Helm repository is.
    String publicPrefix = staticDir != null ? staticPrefix + "/" : null;
    context.addFilter(
        new FilterHolder(new BasicAuthFilter(new GitAccess(credentials, identities), publicPrefix)),
        "/*",
        EnumSet.of(DispatcherType.REQUEST));
    s.setHandler(context);
    try {
      s.start();
    } catch (IOException e) {
      stopQuietly(s);
      if (e instanceof BindException || e.getCause() instanceof BindException) {
        throw new PortInUseException(requestedPort);
      }
      throw new UncheckedIOException("cannot start the git server", e);
    } catch (Exception e) {
      stopQuietly(s);
      throw new IllegalStateException("cannot start the git server: " + e.getMessage(), e);
    }
    this.server = s;
    this.port = connector.getLocalPort();
    return this;
  }

  /** Base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public Credentials credentials() {
    return credentials;
  }

  /** Clone URL of a repository. */
  public String cloneUrl(String owner, String name) {
    return baseUrl() + "/" + owner + "/" + name + ".git";
  }

  public void addPushListener(PushListener listener) {
    listeners.add(listener);
  }

  /** Creates a bare repository with default branch main; an existing repository is kept as is. */
  public void createRepository(String owner, String name) {
    requireName("owner", owner);
    requireName("repository", name);
    Path dir = repositoryDir(owner, name);
    if (Files.isDirectory(dir)) {
      return;
    }
    try (Repository repo = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
      repo.create(true);
      repo.updateRef(Constants.HEAD).link(Constants.R_HEADS + "main");
      dev.fluxlab.util.SecureFiles.restrictToOwner(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create repository " + owner + "/" + name, e);
    }
  }

  public boolean repositoryExists(String owner, String name) {
    return Files.isDirectory(repositoryDir(owner, name));
  }

  private Path repositoryDir(String owner, String name) {
    return root.resolve(owner).resolve(name + ".git");
  }

  private static void requireName(String what, String value) {
    if (value == null || !NAME.matcher(value).matches() || value.contains("..")) {
      throw new IllegalArgumentException("invalid " + what + " name '" + value + "'");
    }
  }

  private void notifyPush(Repository db) {
    Path dir = db.getDirectory().toPath();
    String name = dir.getFileName().toString().replaceFirst("\\.git$", "");
    String owner = dir.getParent().getFileName().toString();
    listeners.forEach(l -> l.pushed(owner, name));
  }

  @Override
  public void close() {
    Server s = server;
    server = null;
    if (s != null) {
      stopQuietly(s);
    }
  }

  private static void stopQuietly(Server s) {
    try {
      s.stop();
    } catch (Exception e) {
      // Stopping is best effort: the port is released when the JVM exits at the latest.
    }
  }

  /** Maps {@code /<owner>/<name>.git} to an existing bare repository; unknown paths are 404. */
  private final class OnDiskResolver implements RepositoryResolver<HttpServletRequest> {
    @Override
    public Repository open(HttpServletRequest req, String name)
        throws org.eclipse.jgit.errors.RepositoryNotFoundException, ServiceNotEnabledException {
      String[] parts = name.replaceFirst("^/", "").split("/");
      if (parts.length != 2) {
        throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name);
      }
      String repo = parts[1].replaceFirst("\\.git$", "");
      if (!NAME.matcher(parts[0]).matches() || !NAME.matcher(repo).matches()) {
        throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name);
      }
      Path dir = repositoryDir(parts[0], repo);
      if (!Files.isDirectory(dir) && isPush(req)) {
        // Push-to-create, as Gitea offers it: seeding a new repository is a plain git push.
        createRepository(parts[0], repo);
      }
      if (!Files.isDirectory(dir)) {
        throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name);
      }
      try {
        return RepositoryCache.open(RepositoryCache.FileKey.exact(dir.toFile(), FS.DETECTED), true);
      } catch (IOException e) {
        throw new org.eclipse.jgit.errors.RepositoryNotFoundException(name, e);
      }
    }
  }

  private static boolean isPush(HttpServletRequest req) {
    return "git-receive-pack".equals(req.getParameter("service"))
        || req.getRequestURI().endsWith("/git-receive-pack");
  }

  /** Thrown when the configured port is already taken. */
  public static final class PortInUseException extends RuntimeException {
    public PortInUseException(int port) {
      super("port " + port + " is already in use (setting 'git.port'; 0 picks a free port)");
    }
  }
}
