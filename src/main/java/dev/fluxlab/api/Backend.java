package dev.fluxlab.api;

import dev.fluxlab.config.Settings;
import java.nio.file.Files;

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

  /** Refuses to start over an environment of the same name that is still recorded. */
  static void requireNew(Settings settings) {
    if (Files.exists(settings.envDir().resolve(EnvironmentInfo.FILE))) {
      throw new InvalidInputException(
          "environment '"
              + settings.envName()
              + "' already exists in "
              + settings.stateDir()
              + " (run `fluxlab teardown --name "
              + settings.envName()
              + "` or choose another env.name)");
    }
  }
}
