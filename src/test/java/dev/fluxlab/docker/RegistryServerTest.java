package dev.fluxlab.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.config.SettingsLoader;
import dev.fluxlab.oci.FluxArtifact;
import dev.fluxlab.oci.OciClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.Network;

/**
 * The registry container alone (image {@code image.registry} only): its private files are its own,
 * and this machine pushes and pulls through the mapped port with the run's CA and password, which
 * appears nowhere in the container.
 */
class RegistryServerTest {
  @TempDir Path tmp;

  @Test
  void itsFilesAreTheRegistrysOwn0600AndItServesTheCredentialsThroughTheMappedPort()
      throws Exception {
    String image = SettingsLoader.builtIn().load().docker().registryImage();
    assumeTrue(DockerEngine.isReachable(), "no Docker engine reachable");
    assumeTrue(
        DockerEngine.missingImages(List.of(image)).isEmpty(),
        "image not present locally (scripts/build-images registry): " + image);
    String env = "regsrv-" + ProcessHandle.current().pid();
    Credentials credentials = Credentials.generate("fluxlab");
    try (Network network =
        Network.builder()
            .createNetworkCmdModifier(
                cmd ->
                    cmd.withName(DockerLabels.name(env))
                        .withLabels(DockerLabels.of(env, "network")))
            .build()) {
      RegistryServer registry = RegistryServer.start(image, network, env, credentials);

      Container.ExecResult files =
          registry
              .container()
              .execInContainer(
                  "stat",
                  "-c",
                  "%n %u %a",
                  "/etc/distribution/config.yml",
                  "/etc/distribution/tls.key",
                  "/etc/distribution/htpasswd");
      assertThat(files.getStdout().lines())
          .containsExactly(
              "/etc/distribution/config.yml 65534 600",
              "/etc/distribution/tls.key 65534 600",
              "/etc/distribution/htpasswd 65534 600");
      Container.ExecResult grep =
          registry
              .container()
              .execInContainer("grep", "-rF", credentials.password(), "/etc/distribution");
      assertThat(grep.getExitCode()).as("password found in the container").isEqualTo(1);

      Path src = Files.createDirectories(tmp.resolve("src"));
      Files.writeString(src.resolve("cm.yaml"), "kind: ConfigMap\n");
      OciClient client = OciClient.forRegistry(registry.access());
      FluxArtifact.Pushed pushed =
          FluxArtifact.push(
              client, "fleet/apps", "v1", src, "src", "main@sha1:1", Map.of(), tmp.resolve("p"));
      assertThat(client.resolve("fleet/apps", "v1")).isEqualTo(pushed.digest());
      assertThat(registry.access().host())
          .endsWith(":" + registry.container().getMappedPort(5000))
          .doesNotContain("fluxlab-registry");
    } finally {
      DockerSweep.remove(DockerEngine.client(), env);
    }
  }
}
