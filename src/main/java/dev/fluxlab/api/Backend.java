package dev.fluxlab.api;

import dev.fluxlab.config.Settings;

/**
 * Where an environment runs. A backend starts the git server and the clusters with Flux installed;
 * everything after that (seeding, bootstrap objects, waiting, releases, scenarios) goes through the
 * returned {@link Environment} and is the same on every backend.
 */
public interface Backend {
  /** "embedded" or "docker". */
  String id();

  /**
   * Starts a new environment named {@code settings.envName()}, with its state directory written in
   * state STARTING. On failure nothing it created is left behind.
   *
   * @throws FluxLabException when an environment of that name exists or startup fails
   */
  Environment start(Settings settings);
}
