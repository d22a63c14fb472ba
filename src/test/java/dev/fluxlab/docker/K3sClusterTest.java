package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.config.Settings;
import dev.fluxlab.config.SettingsLoader;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The k3s provider end to end: Flux's own pods in k3s fetch from Gitea through the selectorless
 * {@code gitea} Service (k3s replaces Docker's DNS inside pods), and the fixture converges. Needs
 * the k3s image and Flux's controller images, which this project's CI machine cannot pull: it is
 * skipped there, naming the missing images.
 */
class K3sClusterTest {
  @TempDir Path state;

  @Test
  void fluxPodsInK3sReachGiteaAndTheFixtureConverges() {
    Settings settings =
        SettingsLoader.builtIn()
            .withOverrides(
                List.of(
                    "backend=docker",
                    "cluster.provider=k3s",
                    "clusters=staging",
                    "state.dir=" + state,
                    "env.name=k3s-" + ProcessHandle.current().pid()))
            .load();
    assumeTrue(DockerEngine.isReachable(), "no Docker engine reachable");
    List<String> missing = DockerEngine.missingImages(settings.docker().requiredImages());
    assumeTrue(missing.isEmpty(), "images not present locally: " + missing);
    assumeTrue(
        Files.isRegularFile(settings.docker().fluxManifests()),
        "Flux manifests not built (scripts/build-real-components flux)");

    try (Environment env =
        new Deployer(
                new DockerBackend(new PodinfoCharts(), line -> {}),
                settings,
                SeedPlan.fixture(settings),
                line -> {})
            .deploy()) {
      var repo = env.flux("staging").get(FluxKind.GIT_REPOSITORY, "flux-system", "flux-system");
      assertThat(repo).isNotNull();
      assertThat(
              env.client("staging").services().inNamespace("flux-system").withName("gitea").get())
          .isNotNull();
    } finally {
      Teardown.run(state, settings.envName());
    }
  }
}
