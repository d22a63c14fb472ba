package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sweep removes an environment's network even while something is still attached to it: the
 * engine releases a removed container's endpoint asynchronously (a CI teardown once failed with
 * "has active endpoints"), and a container that is not the environment's must not keep its network
 * alive — nor be removed with it.
 */
class DockerSweepTest {
  @Test
  void aNetworkWithAForeignContainerAttachedIsRemovedAndTheContainerIsLeftRunning() {
    assumeTrue(DockerEngine.isReachable(), "no Docker engine reachable");
    assumeTrue(
        DockerEngine.missingImages(List.of(DockerImages.GITEA)).isEmpty(),
        "image not present locally (scripts/build-images): " + DockerImages.GITEA);
    DockerClient docker = DockerEngine.client();
    String env = "sweep-" + ProcessHandle.current().pid();
    String network =
        docker
            .createNetworkCmd()
            .withName(DockerLabels.name(env))
            .withLabels(DockerLabels.of(env, "network"))
            .exec()
            .getId();
    // Not labelled with the environment: the sweep does not own it.
    String foreign =
        docker
            .createContainerCmd(DockerImages.GITEA)
            .withEntrypoint("sleep", "600")
            .withName("fluxlab-foreign-" + env)
            .exec()
            .getId();
    try {
      docker.startContainerCmd(foreign).exec();
      docker.connectToNetworkCmd().withNetworkId(network).withContainerId(foreign).exec();

      List<String> removed = DockerSweep.remove(docker, env);

      assertThat(removed).containsExactly("network " + DockerLabels.name(env));
      assertThat(docker.listNetworksCmd().withIdFilter(network).exec()).isEmpty();
      assertThat(docker.inspectContainerCmd(foreign).exec().getState().getRunning())
          .as("the foreign container is disconnected, not removed")
          .isTrue();
      assertThat(DockerSweep.remove(docker, env)).as("second sweep").isEmpty();
    } finally {
      docker.removeContainerCmd(foreign).withForce(true).exec();
      DockerSweep.remove(docker, env);
    }
  }
}
