package dev.fluxlab.util;

import java.nio.file.Path;

/**
 * fluxlab's cache: {@code $FLUXLAB_CACHE}, default {@code ~/.cache/fluxlab}. What is built or
 * fetched by pinned version (real components, images, native libraries) lives here, never in the
 * repository or the system temp directory.
 */
public final class CacheDir {
  private CacheDir() {}

  public static Path root() {
    String cache = System.getenv("FLUXLAB_CACHE");
    return cache == null || cache.isBlank()
        ? Path.of(System.getProperty("user.home"), ".cache", "fluxlab")
        : Path.of(cache);
  }

  /** Where {@code scripts/build-real-components} puts each {@code <component>-<version>/}. */
  public static Path realComponents() {
    return root().resolve("real-components");
  }
}
