package dev.fluxlab.sops;

import dev.fluxlab.api.FluxLabException;

/**
 * sops failed: its exit code and what it said on stderr (values it quoted redacted), or {@link
 * #NOT_FOUND} when there is no binary to run.
 */
public final class SopsException extends FluxLabException {
  /** Not a sops exit code: the binary is missing or could not be started. */
  public static final int NOT_FOUND = -1;

  /** sops' exit code for "no master key could decrypt the data key" (cmd/sops/codes). */
  public static final int COULD_NOT_RETRIEVE_KEY = 128;

  /** sops' exit code for a value that does not decrypt (tampered, or not sops' format). */
  public static final int ERROR_DECRYPTING_TREE = 25;

  /** sops' exit code for a decrypted tree that cannot be written in the output format. */
  public static final int ERROR_DUMPING_TREE = 4;

  private final int exitCode;

  public SopsException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
