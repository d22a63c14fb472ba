package dev.fluxlab.sops;

import dev.fluxlab.api.FluxLabException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Encrypts a repository file's content with the real sops, running in the environment's sops
 * scratch directory: for seeding fixtures and for scenario edits. Plain text goes through sops'
 * stdin only.
 */
public final class EnvironmentEncryption {
  private EnvironmentEncryption() {}

  /** For the environment's own age key (made on first use). */
  public static String forEnvironment(Path envDir, String file, String plain) {
    return encrypt(envDir, file, plain, EnvironmentKey.ensure(envDir).recipient());
  }

  /** For a fresh age key that is thrown away at once: content no cluster can decrypt. */
  public static String forNobody(Path envDir, String file, String plain) {
    return encrypt(envDir, file, plain, AgeKey.generate().recipient());
  }

  private static String encrypt(Path envDir, String file, String plain, String recipient) {
    try {
      byte[] encrypted =
          Sops.locate(EnvironmentKey.workDir(envDir))
              .encrypt(
                  plain.getBytes(StandardCharsets.UTF_8),
                  Path.of(file).getFileName().toString(),
                  recipient);
      return new String(encrypted, StandardCharsets.UTF_8);
    } catch (SopsException e) {
      throw new FluxLabException("cannot SOPS-encrypt " + file + ": " + e.getMessage());
    }
  }
}
