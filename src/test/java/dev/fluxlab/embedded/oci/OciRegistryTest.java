package dev.fluxlab.embedded.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fluxlab.api.Credentials;
import dev.fluxlab.embedded.kube.ProcessSweep;
import dev.fluxlab.oci.FluxArtifact;
import dev.fluxlab.oci.LayerExtractor;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import land.oras.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry process itself: what it stores where, whom it answers, and pushes through ORAS. */
class OciRegistryTest {
  @TempDir Path tmp;

  @Test
  void aPushedFluxArtifactHasFluxsMediaTypesAndAnnotationsAndUnpacksToTheDirectory()
      throws IOException {
    Path binary = binary();
    Path env = tmp.resolve("env");
    Files.createDirectories(env);
    try (OciRegistry registry =
        OciRegistry.start(binary, env.resolve("registry"), Credentials.generate("fluxlab"))) {
      Path src = tmp.resolve("src");
      Files.createDirectories(src);
      Files.writeString(src.resolve("cm.yaml"), "kind: ConfigMap\n");
      OciClient client = OciClient.forRegistry(registry.access());

      FluxArtifact.Pushed pushed =
          FluxArtifact.push(
              client,
              "fleet/apps",
              "v1",
              src,
              "https://git/fleet",
              "main@sha1:abc",
              Map.of(),
              env.resolve("push"));

      assertThat(client.resolve("fleet/apps", "v1")).isEqualTo(pushed.digest());
      Manifest m = client.manifest("fleet/apps", pushed.digest());
      assertThat(m.getConfig().getMediaType()).isEqualTo(FluxArtifact.CONFIG_MEDIA_TYPE);
      assertThat(m.getLayers())
          .singleElement()
          .satisfies(l -> assertThat(l.getMediaType()).isEqualTo(FluxArtifact.CONTENT_MEDIA_TYPE));
      assertThat(m.getAnnotations())
          .containsEntry(FluxArtifact.SOURCE_ANNOTATION, "https://git/fleet")
          .containsEntry(FluxArtifact.REVISION_ANNOTATION, "main@sha1:abc")
          .containsKey(FluxArtifact.CREATED_ANNOTATION);
      try (InputStream blob = client.blob("fleet/apps", m.getLayers().get(0).getDigest())) {
        LayerExtractor.extract(blob, tmp.resolve("out"));
      }
      assertThat(tmp.resolve("out/cm.yaml")).hasContent("kind: ConfigMap");
      assertThat(client.tags("fleet/apps")).containsExactly("v1");
    }
  }

  @Test
  void theRegistryAnswersNobodyWithoutThePerRunCredentials() {
    Path binary = binary();
    try (OciRegistry registry =
        OciRegistry.start(binary, tmp.resolve("registry"), Credentials.generate("fluxlab"))) {
      RegistryAccess access = registry.access();
      OciClient wrong =
          OciClient.connect(
              access.host(), new Credentials("fluxlab", "wrong"), access.caPem(), false);
      OciClient anonymous = OciClient.connect(access.host(), null, access.caPem(), false);

      assertThat(access.host()).startsWith("127.0.0.1:");
      assertThatThrownBy(() -> wrong.tags("fleet/apps"))
          .isInstanceOf(OciClient.OciException.class)
          .satisfies(e -> assertThat(((OciClient.OciException) e).status()).isEqualTo(401));
      assertThatThrownBy(() -> anonymous.tags("fleet/apps"))
          .isInstanceOf(OciClient.OciException.class);
    }
  }

  @Test
  void itsFilesAreTheOwnersOnlyAndItIsFoundAgainFromTheEnvironmentDirectory() throws IOException {
    Path binary = binary();
    Path env = tmp.resolve("env");
    try (OciRegistry registry =
        OciRegistry.start(binary, env.resolve("registry"), Credentials.generate("fluxlab"))) {
      Path dir = env.resolve("registry");
      assertThat(perms(dir)).isEqualTo("rwx------");
      for (String f :
          new String[] {"config.yml", "htpasswd", "tls.key", "tls.crt", "registry.log"}) {
        assertThat(perms(dir.resolve(f))).as(f).isEqualTo("rw-------");
      }
      assertThat(Files.readString(dir.resolve("config.yml")))
          .doesNotContain(registry.access().credentials().password());

      // What teardown does after the owner was killed with -9.
      assertThat(ProcessSweep.find(env)).extracting(ProcessHandle::pid).contains(registry.pid());
      ProcessSweep.kill(env);
      assertThat(ProcessHandle.of(registry.pid()).map(ProcessHandle::isAlive).orElse(false))
          .isFalse();
    }
  }

  private static String perms(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  static Path binary() {
    assumeTrue(
        RegistryBinary.find().isPresent(),
        "registry binary not built: "
            + RegistryBinary.expectedPath()
            + " (scripts/build-real-components registry)");
    return RegistryBinary.find().get();
  }
}
