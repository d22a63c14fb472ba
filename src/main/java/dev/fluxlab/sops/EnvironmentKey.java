package dev.fluxlab.sops;

import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An environment's throwaway age key: {@code <env dir>/sops/age.agekey} (0600, in a 0700
 * directory), made on first use and gone with the environment's directory at teardown.
 */
public final class EnvironmentKey {
  static final String DIR = "sops";
  static final String FILE = "age.agekey";

  private EnvironmentKey() {}

  /** The environment's key, created when it has none yet. */
  public static synchronized AgeKey ensure(Path envDir) {
    Path file = file(envDir);
    if (Files.isRegularFile(file)) {
      return read(file);
    }
    SecureFiles.createOwnerOnlyDirectory(file.getParent());
    AgeKey key = AgeKey.generate();
    SecureFiles.writeOwnerOnly(
        file, key.keyFile(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
    return key;
  }

  public static Path file(Path envDir) {
    return envDir.resolve(DIR).resolve(FILE);
  }

  /** Scratch space for the sops processes this environment's commands run. */
  public static Path workDir(Path envDir) {
    return envDir.resolve(DIR).resolve("work");
  }

  private static AgeKey read(Path file) {
    try {
      return AgeKey.parse(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
