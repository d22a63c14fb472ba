package dev.fluxlab.embedded.apply;

/** An object could not be applied; the message reads like the API server's answer to Flux. */
public class ApplyException extends RuntimeException {
  public ApplyException(String message) {
    super(message);
  }
}
