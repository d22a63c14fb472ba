package dev.fluxlab.embedded.kube;

import dev.fluxlab.util.Files2;
import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The etcd data of a control plane that has bootstrapped and had Flux's CRDs registered (see {@link
 * EtcdTemplates}): a cluster whose etcd starts from a copy serves those CRDs about as soon as its
 * API server serves, instead of registering them and waiting until they are Established.
 *
 * <p>What every cluster started from the same template shares, because it is stored data and not
 * made again: the UIDs and creation times of the built-in namespaces (kube-system's UID, which some
 * tools take as a cluster ID, is the same in each), of the bootstrap RBAC roles and of the CRDs;
 * etcd's cluster and member IDs. Nothing in it depends on the builder's CA or keys (its builder
 * runs no controller manager, and the API server's record of its client CA is replaced at start,
 * see {@link KubeControlPlane}); each cluster has its own certificates, tokens and data.
 *
 * @param dir the template's directory: {@code etcd/} (the data directory) and {@code crds} (the
 *     names of the CRDs it holds, one a line)
 * @param crdNames the CRDs registered in it
 */
public record EtcdTemplate(Path dir, List<String> crdNames) {
  static final String DATA = "etcd";
  static final String CRDS = "crds";
  private static final int BLOCK = 64 * 1024;

  public EtcdTemplate {
    crdNames = List.copyOf(crdNames);
  }

  /** Reads the template in {@code dir}; throws when it is incomplete. */
  static EtcdTemplate read(Path dir) throws IOException {
    Path db = dir.resolve(DATA).resolve("member").resolve("snap").resolve("db");
    if (!Files.isRegularFile(db) || !Files.isDirectory(dir.resolve(DATA + "/member/wal"))) {
      throw new IOException("no etcd data in " + dir);
    }
    List<String> names =
        Files.readAllLines(dir.resolve(CRDS)).stream().filter(l -> !l.isBlank()).toList();
    return new EtcdTemplate(dir, names);
  }

  /**
   * Copies the data into {@code etcdDir} (replaced), as etcd wants it (0700). Runs of zeros are
   * left as holes: etcd preallocates its write-ahead log (64 MiB of zeros per segment).
   */
  void copyInto(Path etcdDir) {
    Files2.deleteRecursively(etcdDir);
    Path source = dir.resolve(DATA);
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = etcdDir.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          SecureFiles.createOwnerOnlyDirectory(target);
        } else {
          copySparse(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy etcd template " + dir + ": " + e.getMessage(), e);
    }
  }

  static void copySparse(Path from, Path to) throws IOException {
    try (FileChannel in = FileChannel.open(from);
        FileChannel out =
            FileChannel.open(
                to,
                Set.of(
                    StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE,
                    StandardOpenOption.SPARSE),
                PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")))) {
      ByteBuffer buf = ByteBuffer.allocate(BLOCK);
      long position = 0;
      while (true) {
        buf.clear();
        int n = in.read(buf, position);
        if (n < 0) {
          break;
        }
        buf.flip();
        if (!allZero(buf)) {
          while (buf.hasRemaining()) {
            out.write(buf, position + buf.position());
          }
        }
        position += n;
      }
      // A trailing hole: the file's length without writing its zeros.
      if (out.size() < position) {
        out.write(ByteBuffer.allocate(1), position - 1);
      }
    }
  }

  private static boolean allZero(ByteBuffer buf) {
    int i = buf.position();
    for (; i + Long.BYTES <= buf.limit(); i += Long.BYTES) {
      if (buf.getLong(i) != 0) {
        return false;
      }
    }
    for (; i < buf.limit(); i++) {
      if (buf.get(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
