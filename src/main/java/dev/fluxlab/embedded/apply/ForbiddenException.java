package dev.fluxlab.embedded.apply;

/**
 * The API server's authorizer refused a request. The message is the API server's own status message
 * ({@code configmaps "x" is forbidden: User ...}); the {@link Applier} adds which object and which
 * stage, as Flux's server-side apply does.
 */
public final class ForbiddenException extends ApplyException {
  public ForbiddenException(String message) {
    super(message);
  }
}
