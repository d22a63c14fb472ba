package dev.fluxlab.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.Container;
import dev.fluxlab.config.Settings;
import dev.fluxlab.config.SettingsLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings for docker-backend tests: the images scripts/build-images makes on this machine, and a
 * skip (naming the missing images) where they are not present.
 */
final class DockerImages {
  static final String GITEA = "fluxlab-local/gitea:1.26.0";

  private DockerImages() {}

  /**
   * Settings of a kube-local environment (clusters null: the layout's default), or the test is
   * skipped naming what is missing.
   */
  static Settings kubeLocal(Path stateDir, String env, String clusters, String... more) {
    return withProvider("kube-local", stateDir, env, clusters, more);
  }

  /** The same for a kube-node environment (image fluxlab-local/node: scripts/build-images node). */
  static Settings kubeNode(Path stateDir, String env, String clusters, String... more) {
    return withProvider("kube-node", stateDir, env, clusters, more);
  }

  /**
   * The same for the provider the real-Flux suites run on: system property {@code
   * fluxlab.realProvider} ({@code kube-local}, the default, or {@code kube-node}); anything else
   * fails the test naming the property, rather than silently running on the default.
   */
  static Settings realProvider(Path stateDir, String env, String clusters, String... more) {
    String provider = System.getProperty("fluxlab.realProvider", "kube-local");
    if (!List.of("kube-local", "kube-node").contains(provider)) {
      throw new IllegalArgumentException(
          "-Dfluxlab.realProvider=" + provider + ": expected kube-local or kube-node");
    }
    return withProvider(provider, stateDir, env, clusters, more);
  }

  private static Settings withProvider(
      String provider, Path stateDir, String env, String clusters, String... more) {
    // "state.dir=null" would be a relative directory in the working tree (it once got committed).
    Objects.requireNonNull(stateDir, "stateDir");
    List<String> overrides = new ArrayList<>();
    overrides.add("backend=docker");
    overrides.add("cluster.provider=" + provider);
    overrides.add("image.gitea=" + GITEA);
    overrides.add("state.dir=" + stateDir);
    overrides.add("env.name=" + env);
    if (clusters != null) {
      overrides.add("clusters=" + clusters);
    }
    overrides.addAll(List.of(more)); // last: they win
    Settings settings = SettingsLoader.builtIn().withOverrides(overrides).load();
    assumeTrue(DockerEngine.isReachable(), "no Docker engine reachable");
    List<String> missing = DockerEngine.missingImages(settings.docker().requiredImages());
    assumeTrue(missing.isEmpty(), "images not present locally (scripts/build-images): " + missing);
    assumeTrue(
        java.nio.file.Files.isRegularFile(settings.docker().fluxManifests()),
        "Flux manifests not built (scripts/build-real-components flux): "
            + settings.docker().fluxManifests());
    return settings;
  }

  /** The containers (running or not) labelled with an environment's name. */
  static List<Container> containers(String env) {
    return DockerSweep.containers(DockerEngine.client(), env);
  }
}
