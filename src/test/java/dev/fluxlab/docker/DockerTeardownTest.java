package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.ops.Teardown;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Teardown finds a docker environment by its label alone: after SIGKILL of the process that owned
 * it, twice in a row, and without touching another environment next to it.
 */
class DockerTeardownTest {
  @TempDir Path state;

  @Test
  void teardownAfterKill9RemovesOnlyThatEnvironmentAndIsANoOpTheSecondTime() throws Exception {
    String suffix = String.valueOf(ProcessHandle.current().pid());
    Settings killed = DockerImages.kubeLocal(state, "killed-" + suffix, "one");
    Settings neighbour = DockerImages.kubeLocal(state, "neighbour-" + suffix, "one");

    Process owner = startHolder(killed);
    try (Environment next = new DockerBackend(new PodinfoCharts(), line -> {}).start(neighbour)) {
      List<String> neighbourContainers = names(neighbour.envName());
      assertThat(names(killed.envName()))
          .as("side by side: no name is shared")
          .hasSize(neighbourContainers.size())
          .doesNotContainAnyElementsOf(neighbourContainers);

      owner.destroyForcibly(); // SIGKILL: no shutdown hook runs
      await().atMost(Duration.ofSeconds(20)).until(() -> !owner.isAlive());
      assertThat(names(killed.envName())).as("containers outlive a killed owner").isNotEmpty();

      List<String> removed = Teardown.run(state, killed.envName());
      assertThat(removed)
          .anyMatch(line -> line.startsWith("container fluxlab-" + killed.envName() + "-gitea"))
          .anyMatch(line -> line.equals("network fluxlab-" + killed.envName()))
          .anyMatch(line -> line.startsWith("state directory"));
      assertThat(names(killed.envName())).isEmpty();
      assertThat(networks(killed.envName())).isEmpty();
      assertThat(state.resolve(killed.envName())).doesNotExist();

      assertThat(Teardown.run(state, killed.envName())).as("second teardown").isEmpty();
      assertThat(names(neighbour.envName()))
          .containsExactlyInAnyOrderElementsOf(neighbourContainers);
      assertThat(next.client("one").namespaces().withName("flux-system").get()).isNotNull();
    } finally {
      owner.destroyForcibly();
      Teardown.run(state, killed.envName());
      Teardown.run(state, neighbour.envName());
    }
    assertThat(names(neighbour.envName())).isEmpty();
  }

  private static Process startHolder(Settings settings) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(HoldEnvironment.class.getName());
    cmd.add("backend=docker");
    cmd.add("cluster.provider=kube-local");
    cmd.add("image.gitea=" + settings.docker().giteaImage());
    cmd.add("state.dir=" + settings.stateDir());
    cmd.add("env.name=" + settings.envName());
    cmd.add("clusters=" + String.join(",", settings.clusters()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      if (line.equals(HoldEnvironment.STARTED)) {
        return p;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("holder exited before starting: " + seen);
  }

  private static List<String> names(String env) {
    return DockerImages.containers(env).stream().map(DockerSweep::displayName).toList();
  }

  private static List<String> networks(String env) {
    return DockerEngine.client()
        .listNetworksCmd()
        .withFilter("label", List.of(DockerLabels.ENV + "=" + env))
        .exec()
        .stream()
        .map(n -> n.getName())
        .toList();
  }
}
