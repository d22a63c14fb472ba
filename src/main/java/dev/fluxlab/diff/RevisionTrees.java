package dev.fluxlab.diff;

import dev.fluxlab.api.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The revisions of a local git repository a diff compares: resolves {@code --base}/{@code --head}
 * (any revision git understands: a branch, a tag, a commit, {@code HEAD~1}), finds the default base
 * (the merge-base of HEAD with the default branch) and writes a revision's tree into a directory.
 */
final class RevisionTrees implements AutoCloseable {
  /** A resolved revision and how to describe it. */
  record Revision(String commit, String label) {}

  private final Path workTree;
  private final Repository repository;

  private RevisionTrees(Path workTree, Repository repository) {
    this.workTree = workTree;
    this.repository = repository;
  }

  static RevisionTrees open(Path repo) {
    try {
      FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(repo.toFile());
      if (builder.getGitDir() == null) {
        throw new InvalidInputException("--repo " + repo + ": not inside a git repository");
      }
      return new RevisionTrees(repo, builder.build());
    } catch (IOException e) {
      throw new InvalidInputException(
          "--repo " + repo + ": cannot open git repository: " + e.getMessage());
    }
  }

  /** Where {@code repo} lies inside the repository's work tree ("" at the top). */
  String prefix() {
    Path top = repository.getWorkTree().toPath().toAbsolutePath().normalize();
    Path rel = top.relativize(workTree.toAbsolutePath().normalize());
    return rel.toString().replace('\\', '/');
  }

  Revision resolve(String rev, String option) {
    try {
      ObjectId id = repository.resolve(rev + "^{commit}");
      if (id == null) {
        throw new InvalidInputException(option + " " + rev + ": no such revision");
      }
      return new Revision(id.name(), rev + " (" + id.abbreviate(7).name() + ")");
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException i) {
        throw i;
      }
      throw new InvalidInputException(option + " " + rev + ": " + e.getMessage());
    }
  }

  /** The merge-base of HEAD with the default branch (origin's HEAD, else main, else master). */
  Revision defaultBase() {
    try {
      String branch = defaultBranch();
      if (branch == null) {
        throw new InvalidInputException(
            "--base: no default branch found (no origin/HEAD, main or master); name one with --base");
      }
      ObjectId head = repository.resolve(Constants.HEAD);
      if (head == null) {
        throw new InvalidInputException("--base: the repository has no commit yet");
      }
      try (RevWalk walk = new RevWalk(repository)) {
        walk.setRevFilter(RevFilter.MERGE_BASE);
        walk.markStart(walk.parseCommit(repository.resolve(branch)));
        walk.markStart(walk.parseCommit(head));
        RevCommit base = walk.next();
        if (base == null) {
          throw new InvalidInputException(
              "--base: HEAD and " + branch + " have no common history; name a base with --base");
        }
        return new Revision(
            base.name(),
            base.abbreviate(7).name() + " (merge-base with " + shortName(branch) + ")");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String defaultBranch() throws IOException {
    Ref originHead = repository.exactRef("refs/remotes/origin/HEAD");
    if (originHead != null && originHead.isSymbolic()) {
      return originHead.getTarget().getName();
    }
    for (String candidate :
        List.of(
            "refs/remotes/origin/main",
            "refs/heads/main",
            "refs/remotes/origin/master",
            "refs/heads/master")) {
      if (repository.exactRef(candidate) != null) {
        return candidate;
      }
    }
    return null;
  }

  private static String shortName(String ref) {
    return ref.replaceFirst("^refs/(heads|remotes)/", "");
  }

  /**
   * Writes the files of {@code commit} below {@link #prefix()} into {@code target} (regular files,
   * executables and symbolic links; submodules are left out, as a GitRepository artifact has them
   * only when asked for).
   */
  void materialise(Revision revision, Path target) {
    String prefix = prefix();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit commit = walk.parseCommit(ObjectId.fromString(revision.commit()));
      tree.addTree(commit.getTree());
      tree.setRecursive(true);
      Files.createDirectories(target);
      while (tree.next()) {
        String path = tree.getPathString();
        if (!prefix.isEmpty()) {
          if (!path.startsWith(prefix + "/")) {
            continue;
          }
          path = path.substring(prefix.length() + 1);
        }
        FileMode mode = tree.getFileMode(0);
        if (mode == FileMode.GITLINK) {
          continue;
        }
        Path file = target.resolve(path).normalize();
        if (!file.startsWith(target)) {
          continue; // a crafted tree entry must not write outside the target
        }
        Files.createDirectories(file.getParent());
        var blob = repository.open(tree.getObjectId(0));
        if (mode == FileMode.SYMLINK) {
          Files.createSymbolicLink(
              file, Path.of(new String(blob.getBytes(), java.nio.charset.StandardCharsets.UTF_8)));
          continue;
        }
        try (OutputStream out = Files.newOutputStream(file)) {
          blob.copyTo(out);
        }
        if (mode == FileMode.EXECUTABLE_FILE) {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot check out " + revision.label() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }
}
