package dev.fluxlab.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.testcontainers.images.builder.Transferable;

/**
 * A file copied into a container that belongs to a given uid/gid: {@link Transferable#of} makes
 * every file root's, which a non-root image cannot read once it is private (0600).
 */
record OwnedFile(byte[] content, int mode, int owner) implements Transferable {
  static OwnedFile of(String content, int mode, int owner) {
    return new OwnedFile(content.getBytes(StandardCharsets.UTF_8), mode, owner);
  }

  @Override
  public int getFileMode() {
    return mode;
  }

  @Override
  public long getSize() {
    return content.length;
  }

  @Override
  public byte[] getBytes() {
    return content;
  }

  @Override
  public String getDescription() {
    return "file of uid " + owner + " (" + content.length + " bytes)";
  }

  @Override
  public void transferTo(TarArchiveOutputStream tar, String destination) {
    TarArchiveEntry entry = new TarArchiveEntry(destination);
    entry.setSize(content.length);
    entry.setMode(mode);
    entry.setIds(owner, owner);
    try {
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
