package dev.fluxlab.git;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * A working copy of one repository on the environment's git server: clone, change files, commit and
 * push to {@code main}, as a person would with git. Works against any smart-HTTP server (the
 * embedded one, Gitea).
 */
public final class GitWorkspace implements AutoCloseable {
  private static final PersonIdent AUTHOR = new PersonIdent("fluxlab", "fluxlab@localhost");
  private static final String BRANCH = "main";

  private final Git git;
  private final Path dir;
  private final String url;
  private final UsernamePasswordCredentialsProvider credentials;

  private GitWorkspace(Git git, Path dir, String url, Credentials credentials) {
    // A short-lived working copy never needs gc; a background gc would race its deletion.
    git.getRepository().getConfig().setInt("gc", null, "auto", 0);
    this.git = git;
    this.dir = dir;
    this.url = url;
    this.credentials =
        new UsernamePasswordCredentialsProvider(credentials.username(), credentials.password());
  }

  /** Clones {@code url} (branch main) into {@code dir}; an empty repository gives an empty tree. */
  public static GitWorkspace clone(String url, Credentials credentials, Path dir) {
    try {
      Files.createDirectories(dir);
      Git git =
          Git.cloneRepository()
              .setURI(url)
              .setDirectory(dir.toFile())
              .setBranch(BRANCH)
              .setCredentialsProvider(
                  new UsernamePasswordCredentialsProvider(
                      credentials.username(), credentials.password()))
              .call();
      return new GitWorkspace(git, dir, url, credentials);
    } catch (GitAPIException | IOException e) {
      throw new FluxLabException("cannot clone " + url + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts a new history for {@code url} in {@code dir}: the first {@link #commitAndPush} creates
   * the repository's main branch (and, on servers with push-to-create, the repository).
   */
  public static GitWorkspace init(String url, Credentials credentials, Path dir) {
    try {
      Files.createDirectories(dir);
      Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(BRANCH).call();
      return new GitWorkspace(git, dir, url, credentials);
    } catch (GitAPIException | IOException e) {
      throw new FluxLabException(
          "cannot create a working copy for " + url + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  /**
   * Copies a directory tree (dotfiles included, a {@code .git} directory not) into the working
   * copy.
   */
  public GitWorkspace copyFrom(Path source) {
    Files2.copyTree(
        source, dir, p -> p.getFileName() != null && p.getFileName().toString().equals(".git"));
    return this;
  }

  public String read(String path) {
    try {
      return Files.readString(resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new FluxLabException("cannot read " + path + " in " + url + ": " + e.getMessage(), e);
    }
  }

  public boolean exists(String path) {
    return Files.exists(resolve(path));
  }

  public GitWorkspace write(String path, String content) {
    try {
      Path file = resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public GitWorkspace delete(String path) {
    Path file = resolve(path);
    if (!Files.exists(file)) {
      throw new FluxLabException("cannot delete " + path + ": no such file in " + url);
    }
    Files2.deleteRecursively(file);
    return this;
  }

  /**
   * Commits every change and pushes to main.
   *
   * @return the new commit's id, or null when there was nothing to commit
   */
  public String commitAndPush(String message) {
    try {
      git.add().addFilepattern(".").call();
      git.add().addFilepattern(".").setUpdate(true).call();
      if (git.status().call().isClean()) {
        return null;
      }
      RevCommit commit =
          git.commit().setMessage(message).setAuthor(AUTHOR).setCommitter(AUTHOR).call();
      Iterable<PushResult> results =
          git.push()
              .setRemote(url)
              .setRefSpecs(new RefSpec("HEAD:refs/heads/" + BRANCH))
              .setCredentialsProvider(credentials)
              .call();
      for (PushResult r : results) {
        for (RemoteRefUpdate u : r.getRemoteUpdates()) {
          if (u.getStatus() != RemoteRefUpdate.Status.OK
              && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
            throw new FluxLabException(
                "push to " + url + " was refused: " + u.getStatus() + " " + u.getMessage());
          }
        }
      }
      return commit.getName();
    } catch (GitAPIException e) {
      throw new FluxLabException("cannot commit and push to " + url + ": " + e.getMessage(), e);
    }
  }

  private Path resolve(String path) {
    Path p = dir.resolve(path).normalize();
    if (!p.startsWith(dir) || p.equals(dir.resolve(".git")) || p.startsWith(dir.resolve(".git"))) {
      throw new FluxLabException("path '" + path + "' is outside the repository");
    }
    return p;
  }

  @Override
  public void close() {
    git.close();
    Files2.deleteRecursively(dir);
  }
}
