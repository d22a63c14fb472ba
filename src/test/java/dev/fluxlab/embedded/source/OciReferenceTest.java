package dev.fluxlab.embedded.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.Credentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciReferenceTest {
  @Test
  void anOciUrlIsSplitIntoHostAndRepository() {
    OciReference ref = OciReference.parse(Map.of("url", "oci://fluxlab-registry:5000/fleet/apps"));

    assertThat(ref.host()).isEqualTo("fluxlab-registry:5000");
    assertThat(ref.repository()).isEqualTo("fleet/apps");
  }

  @Test
  void aUrlWithATagIsRefusedAsSourceControllerRefusesIt() {
    assertThatThrownBy(() -> OciReference.parse(Map.of("url", "oci://host:5000/apps:v1")))
        .hasMessage(
            "URL validation failed for 'oci://host:5000/apps:v1': URL must not contain a tag;"
                + " remove ':v1'");
  }

  @Test
  void aUrlWithoutTheOciSchemeIsRefused() {
    assertThatThrownBy(() -> OciReference.parse(Map.of("url", "https://host/apps")))
        .hasMessageEndingWith("URL must be in format 'oci://<domain>/<org>/<repo>'");
  }

  @Test
  void credentialsAreReadFromTheDockerConfigEntryOfTheHost() {
    String auth = Base64.getEncoder().encodeToString("bob:s3cret".getBytes(StandardCharsets.UTF_8));
    Secret secret =
        dockerConfig(
            "{\"auths\":{\"reg:5000\":{\"username\":\"alice\",\"password\":\"pw\"},"
                + "\"other:5000\":{\"auth\":\""
                + auth
                + "\"}}}");

    assertThat(OciCredentials.forHost(secret, "reg:5000"))
        .isEqualTo(new Credentials("alice", "pw"));
    assertThat(OciCredentials.forHost(secret, "other:5000"))
        .isEqualTo(new Credentials("bob", "s3cret"));
    assertThat(OciCredentials.forHost(secret, "third:5000")).isNull();
  }

  private static Secret dockerConfig(String json) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("auth")
        .endMetadata()
        .withType("kubernetes.io/dockerconfigjson")
        .addToData(
            ".dockerconfigjson",
            Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)))
        .build();
  }
}
