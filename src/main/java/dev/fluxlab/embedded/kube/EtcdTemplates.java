package dev.fluxlab.embedded.kube;

import dev.fluxlab.util.CacheDir;
import dev.fluxlab.util.Files2;
import dev.fluxlab.util.SecureFiles;
import dev.fluxlab.util.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * etcd templates ({@link EtcdTemplate}) in fluxlab's cache, one per key: built once per machine by
 * a throwaway control plane (no controller manager) under {@code <root>/.build-<uuid>/}, whose etcd
 * data is kept once the API server has bootstrapped and the caller's registrations are served. The
 * key is a digest of everything that shapes the stored data: the etcd and kube-apiserver versions
 * and binaries (by path, size and modification time: a content digest of their 140 MB would cost
 * every deploy a few tenths of a second), the API server flags that are stored ({@link
 * KubeControlPlane#STORED_SHAPE_FLAGS}) and the caller's content key (its registrations' digest).
 *
 * <p>One build at a time per machine (a file lock, and a lock in this JVM): a builder that waited
 * finds the template the other one built. A build is staged in its own directory and renamed into
 * place, so a template is complete or absent. A builder killed with its JVM (kill -9) leaves its
 * processes running under {@code .build-<uuid>/} (their arguments point there, which is how {@link
 * ProcessSweep} finds them): the next build kills them and removes the directory, as does {@code
 * teardown} when no build is running.
 */
public final class EtcdTemplates {
  private static final Logger LOG = Logger.getLogger(EtcdTemplates.class.getName());

  /** Bumped when what a template holds changes in a way the key does not see. */
  private static final String FORMAT = "fluxlab etcd template 1";

  private static final String BUILD_PREFIX = ".build-";
  private static final String LOCK = ".lock";
  private static final Object IN_THIS_JVM = new Object();

  private final Path root;

  public EtcdTemplates(Path root) {
    this.root = root;
  }

  /** Templates in {@code ~/.cache/fluxlab/etcd-templates} ({@code $FLUXLAB_CACHE}). */
  public static EtcdTemplates inCache() {
    return new EtcdTemplates(CacheDir.root().resolve("etcd-templates"));
  }

  /** What a template stores: the registrations of a control plane, returning the CRDs' names. */
  @FunctionalInterface
  public interface Populator {
    /**
     * Registers what the template is to hold and returns once it is served and the API server is
     * ready ({@link KubeControlPlane#awaitReady()}).
     */
    List<String> populate(KubeControlPlane plane);
  }

  /** The directory of the template for these binaries and {@code contentKey}. */
  public Path dirFor(KubeBinaries bin, String contentKey) {
    return root.resolve(Sha256.hex(String.join("\n", keyLines(bin, contentKey))).substring(0, 16));
  }

  private static List<String> keyLines(KubeBinaries bin, String contentKey) {
    List<String> lines = new ArrayList<>();
    lines.add(FORMAT);
    lines.add("etcd " + KubeBinaries.ETCD_VERSION + " " + identity(bin.etcd()));
    lines.add("kube-apiserver " + KubeBinaries.KUBE_VERSION + " " + identity(bin.apiServer()));
    lines.addAll(KubeControlPlane.STORED_SHAPE_FLAGS);
    lines.add("content " + contentKey);
    return lines;
  }

  private static String identity(Path binary) {
    try {
      Path real = binary.toRealPath();
      return real + " " + Files.size(real) + " " + Files.getLastModifiedTime(real).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The template for these binaries and {@code contentKey}, built first when there is none (saying
   * so through {@code progress}); empty, with the reason in one log line, when it cannot be had:
   * clusters then start as without one.
   *
   * @param what what the template holds, for the progress line (e.g. "Flux 2.9.5's CRDs")
   */
  public Optional<EtcdTemplate> obtain(
      KubeBinaries bin,
      String contentKey,
      String what,
      Populator populator,
      Consumer<String> progress) {
    try {
      Path dir = dirFor(bin, contentKey);
      if (Files.isDirectory(dir)) {
        return Optional.of(EtcdTemplate.read(dir));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning("etcd template unreadable (" + e.getMessage() + "): building it again");
    }
    try {
      return Optional.of(build(bin, contentKey, what, populator, progress));
    } catch (IOException | RuntimeException e) {
      LOG.warning(
          "etcd template not built ("
              + e.getMessage()
              + "): clusters start from empty data and install Flux's CRDs");
      return Optional.empty();
    }
  }

  private EtcdTemplate build(
      KubeBinaries bin,
      String contentKey,
      String what,
      Populator populator,
      Consumer<String> progress)
      throws IOException {
    SecureFiles.createOwnerOnlyDirectory(root);
    Path dir = dirFor(bin, contentKey);
    synchronized (IN_THIS_JVM) {
      try (FileChannel channel =
              FileChannel.open(
                  root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        // Built by the builder this one waited for?
        if (Files.isDirectory(dir)) {
          try {
            return EtcdTemplate.read(dir);
          } catch (IOException | RuntimeException e) {
            // Unreadable (a build of an older fluxlab, a disk that filled up): built again.
            Files2.deleteRecursively(dir);
          }
        }
        sweepStaleBuilders();
        progress.accept(
            "building the etcd template for "
                + what
                + " (once per machine: about as long as starting one more cluster)");
        Path build = root.resolve(BUILD_PREFIX + UUID.randomUUID());
        try {
          return buildIn(build, dir, bin, contentKey, populator);
        } finally {
          Files2.deleteRecursively(build);
        }
      }
    }
  }

  private EtcdTemplate buildIn(
      Path build, Path dir, KubeBinaries bin, String contentKey, Populator populator)
      throws IOException {
    SecureFiles.createOwnerOnlyDirectory(build);
    KubeControlPlane plane =
        KubeControlPlane.start("template", bin, build.resolve("kube"), FreePort::pick, null, false);
    List<String> crds;
    try {
      crds = populator.populate(plane);
      plane.stopKeepingEtcdData();
    } finally {
      plane.close();
    }
    Path staged = SecureFiles.createOwnerOnlyDirectory(build.resolve("template"));
    Files.move(plane.etcdDataDir(), staged.resolve(EtcdTemplate.DATA));
    Files.write(staged.resolve(EtcdTemplate.CRDS), crds);
    // For whoever looks into the cache: what the key was made of.
    Files.write(staged.resolve("key"), keyLines(bin, contentKey));
    EtcdTemplate.read(staged);
    Files.move(staged, dir, StandardCopyOption.ATOMIC_MOVE);
    return EtcdTemplate.read(dir);
  }

  /**
   * Kills the processes of builders that died with their JVM and removes their directories; does
   * nothing while a build is running (its directory is not stale). Returns one line per process.
   */
  public List<String> sweepStaleBuildersIfIdle() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    synchronized (IN_THIS_JVM) {
      try (FileChannel channel =
              FileChannel.open(
                  root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = channel.tryLock()) {
        return held == null ? List.of() : sweepStaleBuilders();
      } catch (IOException e) {
        return List.of();
      }
    }
  }

  /** With the lock held: every build directory is a dead builder's. */
  private List<String> sweepStaleBuilders() {
    List<String> killed = new ArrayList<>();
    try (Stream<Path> entries = Files.list(root)) {
      for (Path p :
          entries.filter(p -> p.getFileName().toString().startsWith(BUILD_PREFIX)).toList()) {
        killed.addAll(ProcessSweep.kill(p));
        Files2.deleteRecursively(p);
      }
    } catch (IOException e) {
      LOG.warning("cannot list " + root + ": " + e.getMessage());
    }
    return killed;
  }
}
