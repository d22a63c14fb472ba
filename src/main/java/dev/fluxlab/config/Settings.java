package dev.fluxlab.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validated settings of one environment (see {@code set-env.properties} for each key's
 * meaning). Built by {@link SettingsLoader}; immutable.
 *
 * @param sopsAgeKeyFile the user's own age key file ({@code sops.age.keyfile}), or null
 * @param etcdTemplate whether embedded clusters start from an etcd template holding Flux's CRDs
 *     ({@code embedded.etcd-template})
 */
public record Settings(
    String envName,
    Layout layout,
    BackendChoice backend,
    List<String> clusters,
    String podinfoStartVersion,
    String podinfoNextVersion,
    String podinfoChartUrl,
    DockerSettings docker,
    Duration reconcileInterval,
    Duration readyTimeout,
    Path stateDir,
    int gitPort,
    String gitOwner,
    Path sopsAgeKeyFile,
    boolean etcdTemplate) {

  public Settings {
    clusters = List.copyOf(clusters);
  }

  /** The directory holding everything this environment keeps on disk. */
  public Path envDir() {
    return stateDir.resolve(envName);
  }

  /** The built-in defaults (the bundled set-env.properties), without any overrides. */
  public static Settings defaults() {
    return SettingsLoader.builtIn().load();
  }
}
