package dev.fluxlab.embedded.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes one commit's tree into an artifact directory, leaving out what {@link SourceIgnore}
 * excludes, and computes the artifact digest over the files written.
 *
 * <p>Only regular (and executable) files go into the artifact, as source-controller's archive takes
 * only regular files and directories: a symbolic link (git mode 120000) is left out, so a manifest
 * reaching through it, inside the repository or out of it, fails its Kustomization's build naming
 * the file, and nothing outside the repository is ever read. Files are streamed, so one very large
 * file does not take the source down.
 */
final class GitCheckout {
  /** A .sourceignore larger than this is not a list of patterns. */
  private static final int MAX_IGNORE_FILE = 1 << 20;

  private GitCheckout() {}

  /** Result: the digest ("sha256:…") and the commit's subject line. */
  record Written(String digest, String subject) {}

  static Written write(Repository repo, ObjectId commitId, List<String> specIgnore, Path target) {
    try (RevWalk walk = new RevWalk(repo)) {
      RevCommit commit = walk.parseCommit(commitId);
      Map<String, ObjectId> files = listFiles(repo, commit);
      SourceIgnore ignore = new SourceIgnore();
      for (Map.Entry<String, ObjectId> f : files.entrySet()) {
        String path = f.getKey();
        if (path.equals(".sourceignore") || path.endsWith("/.sourceignore")) {
          String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
          ignore.addFile(
              dir,
              new String(
                  repo.open(f.getValue()).getCachedBytes(MAX_IGNORE_FILE), StandardCharsets.UTF_8));
        }
      }
      specIgnore.forEach(block -> ignore.addFile("", block));

      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Files.createDirectories(target);
      for (Map.Entry<String, ObjectId> f : files.entrySet()) {
        if (ignored(ignore, f.getKey())) {
          continue;
        }
        Path dest = target.resolve(f.getKey());
        sha.update(f.getKey().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        try {
          Files.createDirectories(dest.getParent());
          try (OutputStream out = new DigestOutputStream(Files.newOutputStream(dest), sha)) {
            repo.open(f.getValue()).copyTo(out);
          }
        } catch (IOException | RuntimeException e) {
          throw new GitFetcher.FetchException(
              "StorageOperationFailed",
              "failed to write file '" + f.getKey() + "' of the artifact: " + e.getMessage());
        }
      }
      return new Written(
          "sha256:" + HexFormat.of().formatHex(sha.digest()), commit.getShortMessage());
    } catch (IOException | org.eclipse.jgit.errors.LargeObjectException e) {
      throw new GitFetcher.FetchException(
          "StorageOperationFailed", "failed to write the artifact: " + e.getMessage());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, ObjectId> listFiles(Repository repo, RevCommit commit)
      throws IOException {
    Map<String, ObjectId> files = new TreeMap<>();
    try (TreeWalk tw = new TreeWalk(repo)) {
      tw.addTree(commit.getTree());
      tw.setRecursive(true);
      while (tw.next()) {
        FileMode mode = tw.getFileMode(0);
        if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
          files.put(tw.getPathString(), tw.getObjectId(0));
        }
      }
    }
    return files;
  }

  /** A file is left out when it, or any directory above it, is ignored. */
  private static boolean ignored(SourceIgnore ignore, String path) {
    List<String> dirs = new ArrayList<>();
    int slash = path.indexOf('/');
    while (slash > 0) {
      dirs.add(path.substring(0, slash));
      slash = path.indexOf('/', slash + 1);
    }
    for (String dir : dirs) {
      if (ignore.isIgnored(dir, true)) {
        return true;
      }
    }
    return ignore.isIgnored(path, false);
  }
}
