package dev.fluxlab.oci;

import dev.fluxlab.util.IgnoreDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.eclipse.jgit.ignore.FastIgnoreRule;

/**
 * The tar.gz layer {@code flux push artifact} makes of a directory: regular files and directories
 * only (links are left out, as Flux's tar leaves them out), paths relative to the directory, owner
 * and timestamps cleared so that the same files give the same bytes, and the flux CLI's default
 * exclusions (VCS files and archive/image extensions, its {@code --ignore-paths} default).
 */
final class ArtifactTarball {
  private ArtifactTarball() {}

  /** What was written: the uncompressed tar's digest (the config's diff_id) and the file count. */
  record Written(String diffId, int files) {}

  static Written write(Path dir, Path out) {
    List<FastIgnoreRule> rules =
        IgnoreDefaults.VCS_AND_EXTENSIONS.stream().map(FastIgnoreRule::new).toList();
    try {
      MessageDigest diff = MessageDigest.getInstance("SHA-256");
      int files = 0;
      try (OutputStream file = Files.newOutputStream(out);
          GZIPOutputStream gz = new GZIPOutputStream(file);
          DigestOutputStream digesting = new DigestOutputStream(gz, diff);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(digesting)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Path p : entries(dir, rules)) {
          String name = dir.relativize(p).toString().replace('\\', '/');
          boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
          TarArchiveEntry e = new TarArchiveEntry(isDir ? name + "/" : name);
          e.setModTime(0);
          e.setUserId(0);
          e.setGroupId(0);
          e.setUserName("");
          e.setGroupName("");
          e.setMode((isDir ? 040755 : Files.isExecutable(p) ? 0100755 : 0100644));
          if (!isDir) {
            e.setSize(Files.size(p));
          }
          tar.putArchiveEntry(e);
          if (!isDir) {
            try (InputStream in = Files.newInputStream(p)) {
              in.transferTo(tar);
            }
            files++;
          }
          tar.closeArchiveEntry();
        }
        tar.finish();
      }
      return new Written("sha256:" + HexFormat.of().formatHex(diff.digest()), files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot archive " + dir + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Regular files and directories below {@code dir}, sorted, minus what is ignored. */
  private static List<Path> entries(Path dir, List<FastIgnoreRule> rules) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted().toList()) {
        if (p.equals(dir)) {
          continue;
        }
        boolean isDir = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
        if (!isDir && !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (ignored(dir.relativize(p), isDir, rules)) {
          continue;
        }
        found.add(p);
      }
    }
    return found;
  }

  /** Ignored when the path or any directory above it matches (last matching rule wins). */
  private static boolean ignored(Path relative, boolean isDir, List<FastIgnoreRule> rules) {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < relative.getNameCount(); i++) {
      if (i > 0) {
        prefix.append('/');
      }
      prefix.append(relative.getName(i));
      boolean directory = isDir || i < relative.getNameCount() - 1;
      boolean result = false;
      for (FastIgnoreRule r : rules) {
        if (r.isMatch(prefix.toString(), directory)) {
          result = r.getResult();
        }
      }
      if (result) {
        return true;
      }
    }
    return false;
  }
}
