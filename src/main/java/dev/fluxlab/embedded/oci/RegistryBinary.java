package dev.fluxlab.embedded.oci;

import dev.fluxlab.util.CacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The OCI registry binary (CNCF distribution's {@code cmd/registry}): {@code $FLUXLAB_REGISTRY} (a
 * binary you have), or the cache that {@code scripts/build-real-components registry} fills from the
 * Go module proxy at the pinned version.
 */
public final class RegistryBinary {
  /** Pinned in scripts/build-real-components as REGISTRY_VERSION (a test compares). */
  public static final String VERSION = "v3.1.2";

  static final String ENV = "FLUXLAB_REGISTRY";

  private RegistryBinary() {}

  public static Path expectedPath() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return CacheDir.realComponents().resolve("registry-" + VERSION).resolve("registry");
  }

  public static Optional<Path> find() {
    Path p = expectedPath();
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  /** Why there is no registry, and how to get one: one line for a Ready=False message. */
  public static String missingMessage() {
    return "this environment has no OCI registry: the registry binary "
        + VERSION
        + " is not built ("
        + expectedPath()
        + " missing); run `scripts/build-real-components registry` (about 5 minutes once) or set "
        + ENV
        + " to a registry binary, and start the environment again";
  }
}
