package dev.fluxlab.embedded.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.sops.SopsException;
import dev.fluxlab.sops.SopsFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** kustomize-controller's rules around decryption that need no sops binary. */
class DecryptionRulesTest {
  private static Map<String, Object> encryptedSecret(Map<String, Object> annotations) {
    return Map.of(
        "apiVersion", "v1",
        "kind", "Secret",
        "metadata", Map.of("name", "db", "namespace", "apps", "annotations", annotations),
        "data", Map.of("password", "ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]"),
        "sops", Map.of("mac", "ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]"));
  }

  @Test
  void anEncryptedSecretIsNotAppliedWithoutDecryption() {
    assertThatThrownBy(() -> Decryption.requireDecrypted(List.of(encryptedSecret(Map.of()))))
        .isInstanceOf(BuildException.class)
        .hasMessage(
            "Secret/apps/db is SOPS encrypted, configuring decryption is required for this secret"
                + " to be reconciled")
        .extracting(e -> ((BuildException) e).reason())
        .isEqualTo("ReconciliationFailed");
  }

  @Test
  void theDecryptDisabledAnnotationLetsItThrough() {
    Decryption.requireDecrypted(
        List.of(encryptedSecret(Map.of("kustomize.toolkit.fluxcd.io/decrypt", "Disabled"))));
  }

  @Test
  void sopsCliFailuresAreWordedAsKustomizeControllerWordsThem() {
    assertThat(
            Decryption.fluxWording(
                new SopsException(128, "Failed to get the data key required to decrypt"),
                SopsFormat.JSON,
                SopsFormat.JSON))
        .isEqualTo("cannot get sops data key: Failed to get the data key required to decrypt");
    assertThat(
            Decryption.fluxWording(
                new SopsException(
                    25, "Error decrypting tree: cipher: message authentication failed"),
                SopsFormat.DOTENV,
                SopsFormat.DOTENV))
        .isEqualTo("error decrypting sops tree: cipher: message authentication failed");
    assertThat(
            Decryption.fluxWording(
                new SopsException(1, "sops metadata not found"), SopsFormat.YAML, SopsFormat.YAML))
        .isEqualTo("failed to load encrypted YAML data: sops metadata not found");
  }

  @Test
  void formatsFollowFileNamesAndMarkers() {
    assertThat(SopsFormat.forPath("app.env")).isEqualTo(SopsFormat.DOTENV);
    assertThat(SopsFormat.forPath(".dockerconfigjson")).isEqualTo(SopsFormat.JSON);
    assertThat(SopsFormat.forPath("secret.sops.yaml")).isEqualTo(SopsFormat.YAML);
    assertThat(SopsFormat.forPath("token")).isEqualTo(SopsFormat.BINARY);
    assertThat(SopsFormat.detect("a=b\nsops_mac=ENC[AES256_GCM,data:x]"))
        .contains(SopsFormat.DOTENV);
    assertThat(SopsFormat.detect("plain: text")).isEmpty();
  }
}
