package dev.fluxlab.embedded.helm;

/** A HelmRelease cannot progress; {@code reason} is the Ready condition's reason. */
final class ReleaseException extends RuntimeException {
  private final String reason;

  ReleaseException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  ReleaseException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
