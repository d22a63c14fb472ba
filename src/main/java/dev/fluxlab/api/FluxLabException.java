package dev.fluxlab.api;

/**
 * A failure the user can act on: the message says what was attempted, on what, and what to do. The
 * CLI prints it as one line.
 */
public class FluxLabException extends RuntimeException {
  public FluxLabException(String message) {
    super(message);
  }

  public FluxLabException(String message, Throwable cause) {
    super(message, cause);
  }
}
