package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Podinfo;
import dev.fluxlab.ops.Releases;
import dev.fluxlab.ops.Scenarios;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.scenario.ScenarioLoader;
import dev.fluxlab.scenario.ScenarioResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof of concept's point on real pods (cluster.provider=kube-node): Flux runs in the cluster,
 * podinfo serves its version over HTTP, and a release in git changes what it serves, checked
 * through the API server's service proxy by the scenario's http steps and by {@code new-release}.
 * Tagged real-flux (needs the node image: scripts/build-images node); runs with scripts/e2e-pods.
 */
@Tag("real-flux")
class PodinfoServesOnRealNodesTest {
  @TempDir Path state;

  @Test
  void aReleaseInGitChangesTheVersionPodinfoServes() {
    String env = "pods-" + ProcessHandle.current().pid();
    Settings settings = DockerImages.kubeNode(state, env, "staging");
    List<String> log = new ArrayList<>();
    Path diagnostics = RealFluxRuns.diagnostics("real-pods");
    try (Environment running = RealFluxRuns.deploy(settings, diagnostics, log)) {
      ScenarioResult scenario =
          RealFluxRuns.run(
              running,
              new ScenarioLoader(settings)
                  .loadAll(Scenarios.directory().resolve("pods/podinfo-serves-release.yaml"))
                  .get(0),
              settings,
              diagnostics,
              log);
      assertThat(scenario.passed()).as(String.join("\n", log)).isTrue();

      // new-release back to the start version: it waits for what podinfo serves, too.
      Releases releases = new Releases(running, Podinfo.of(running), settings.readyTimeout());
      releases.release(settings.podinfoStartVersion());
      assertThat(releases.podsRun("staging")).isTrue();
      assertThat(releases.served("staging")).contains(settings.podinfoStartVersion());
    } finally {
      Teardown.run(state, env);
    }
    assertThat(DockerImages.containers(env)).isEmpty();
  }
}
