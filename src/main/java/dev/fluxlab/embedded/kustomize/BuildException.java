package dev.fluxlab.embedded.kustomize;

/** The manifests at a Kustomization's path could not be built; carries the Flux reason. */
public class BuildException extends RuntimeException {
  private final String reason;

  public BuildException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
