package dev.fluxlab.config;

/** Which backend runs the git server, the clusters and the reconciler. */
public enum BackendChoice {
  /** Docker when an engine answers, embedded otherwise. */
  AUTO("auto"),
  /** Everything in this JVM: no Docker needed. */
  EMBEDDED("embedded"),
  /** Gitea and k3s containers with the real Flux controllers. */
  DOCKER("docker");

  private final String id;

  BackendChoice(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
