package dev.fluxlab.embedded.helm;

import com.marcnuri.helm.jni.HelmLib;
import com.marcnuri.helm.jni.NativeLibrary;
import com.sun.jna.Native;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ServiceLoader;

/**
 * helm-java's native library (Helm's Go code, about 91 MB), kept in fluxlab's cache and loaded from
 * there. helm-java's own loader copies it into a fresh {@code helm-java*} directory of the system
 * temp directory on every JVM start and deletes it only on a normal exit, so every killed process
 * leaked a copy that nothing would find again. Registered ahead of helm-java's platform provider
 * (ServiceLoader takes the first), it delegates the choice of binary to that provider and extracts
 * it once per helm-java jar into {@code $FLUXLAB_CACHE/helm-java/<key>/}.
 */
public final class CachedHelmLibrary implements NativeLibrary {
  private final NativeLibrary platform;

  public CachedHelmLibrary() {
    this.platform = platformProvider();
  }

  @Override
  public String getBinaryName() {
    return platform.getBinaryName();
  }

  @Override
  public HelmLib load() {
    Path library = extracted();
    HelmLib lib = Native.load(library.toString(), HelmLib.class);
    // As helm-java's loader does: stop the chart servers Helm may run when the JVM stops.
    Runtime.getRuntime().addShutdownHook(new Thread(lib::RepoServerStopAll, "helm-java-stop"));
    return lib;
  }

  /** The library in the cache, extracted when this helm-java jar's copy is not there yet. */
  Path extracted() {
    Path dir = cacheDir().resolve("helm-java").resolve(jarKey());
    Path library = dir.resolve(getBinaryName());
    if (Files.isRegularFile(library)) {
      return library;
    }
    try {
      Files.createDirectories(dir);
      // A private name first, then an atomic rename: a concurrent JVM never loads half a file.
      Path part = Files.createTempFile(dir, getBinaryName(), ".part");
      try (InputStream in = platform.getClass().getResourceAsStream("/" + getBinaryName())) {
        if (in == null) {
          throw new IllegalStateException("helm-java jar lacks " + getBinaryName());
        }
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, library, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(part);
      }
      removeOlderCopies(dir);
      return library;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract Helm's native library into " + dir, e);
    }
  }

  /**
   * Removes the copies extracted from earlier builds of the same jar (a rebuilt fluxlab.jar gets a
   * new key), so the cache holds one copy per jar. A JVM still running an old copy keeps its
   * mapping: Linux frees the file when the last user unmaps it.
   */
  private static void removeOlderCopies(Path current) {
    String jarName = current.getFileName().toString().replaceFirst("-\\d+-\\d+$", "");
    try (var siblings = Files.list(current.getParent())) {
      for (Path other : siblings.toList()) {
        String name = other.getFileName().toString();
        if (!other.equals(current) && name.replaceFirst("-\\d+-\\d+$", "").equals(jarName)) {
          dev.fluxlab.util.Files2.deleteRecursively(other);
        }
      }
    } catch (IOException | RuntimeException e) {
      // an old copy left in the cache costs disk space, nothing else
    }
  }

  /** Names the jar the library comes from, so another helm-java version gets its own copy. */
  private String jarKey() {
    try {
      Path jar =
          Path.of(platform.getClass().getProtectionDomain().getCodeSource().getLocation().toURI());
      String name = jar.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
      return name + "-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis();
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown";
    }
  }

  /** fluxlab's cache: {@code $FLUXLAB_CACHE}, else {@code ~/.cache/fluxlab}. */
  static Path cacheDir() {
    String cache = System.getenv("FLUXLAB_CACHE");
    return cache != null && !cache.isBlank()
        ? Path.of(cache)
        : Path.of(System.getProperty("user.home"), ".cache", "fluxlab");
  }

  /** The platform's provider, found by type so that this class is not instantiated again. */
  private static NativeLibrary platformProvider() {
    return ServiceLoader.load(NativeLibrary.class, CachedHelmLibrary.class.getClassLoader())
        .stream()
        .filter(p -> p.type() != CachedHelmLibrary.class)
        .findFirst()
        .map(ServiceLoader.Provider::get)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no helm-java native library for this platform on the classpath"));
  }
}
