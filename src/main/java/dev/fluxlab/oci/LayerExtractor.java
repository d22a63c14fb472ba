package dev.fluxlab.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a tar.gz layer the way source-controller's {@code extract} operation does: directories
 * and regular files only (links are skipped, so nothing outside the target is ever reached), and an
 * entry whose path leaves the target fails the whole layer.
 */
public final class LayerExtractor {
  private LayerExtractor() {}

  /** Returns the number of files written. */
  public static int extract(InputStream tgz, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    int files = 0;
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(tgz))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path dest = root.resolve(e.getName()).normalize();
        if (!dest.startsWith(root)) {
          throw new IOException("tar entry '" + e.getName() + "' is outside the target directory");
        }
        if (e.isDirectory()) {
          Files.createDirectories(dest);
        } else if (e.isFile()) {
          Files.createDirectories(dest.getParent());
          try (OutputStream out = Files.newOutputStream(dest)) {
            tar.transferTo(out);
          }
          files++;
        }
      }
    }
    return files;
  }
}
