package dev.fluxlab.docker;

/**
 * The running part of a docker environment, as its owner process holds it. Closing removes every
 * container, network and volume with the environment's label (not just the ones this object
 * started, so a half-finished start is cleaned up too); it is idempotent.
 */
final class DockerRuntime implements AutoCloseable {
  private final String env;
  private boolean closed;

  DockerRuntime(String env) {
    this.env = env;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    DockerSweep.remove(DockerEngine.client(), env);
  }
}
