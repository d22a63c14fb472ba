package dev.fluxlab.sops;

import dev.fluxlab.util.CacheDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real {@code sops} CLI: {@code $FLUXLAB_SOPS} (a binary you have), or the cache that {@code
 * scripts/build-real-components sops} fills from the Go module proxy at the pinned version.
 */
public final class SopsBinary {
  /** Pinned in scripts/build-real-components as SOPS_VERSION (a test compares). */
  public static final String VERSION = "v3.13.3";

  static final String ENV = "FLUXLAB_SOPS";

  private SopsBinary() {}

  public static Optional<Path> find() {
    Path candidate = configured();
    return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
  }

  /** The binary, or a {@link SopsException} saying where it was looked for and how to get it. */
  public static Path locate() {
    return find().orElseThrow(() -> new SopsException(SopsException.NOT_FOUND, missing()));
  }

  /** One line: what is missing, where fluxlab looked and what to do. */
  public static String missing() {
    return "SOPS decryption needs the sops binary "
        + VERSION
        + ", not found at "
        + configured()
        + ": run `ensure-kube-binaries` (scripts/ in the source tree, libexec/ in the archive:"
        + " builds it from the Go module proxy once; needs Go and jq) or set "
        + ENV
        + " to a sops binary";
  }

  private static Path configured() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return CacheDir.realComponents().resolve("sops-" + VERSION).resolve("sops");
  }
}
