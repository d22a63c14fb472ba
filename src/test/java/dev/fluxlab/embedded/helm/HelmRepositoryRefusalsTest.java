package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.util.Yaml;
import org.junit.jupiter.api.Test;

/** HelmRepository fields the embedded backend refuses, per type, each named in the message. */
class HelmRepositoryRefusalsTest {
  private static final String OCI = "type: oci\nurl: oci://fluxlab-registry:5000/charts\n";
  private static final String HTTP = "url: https://charts.example\n";

  @Test
  void anOciRepositoryWithCredentialsAndCaIsServed() {
    assertThat(
            HelmRepositoryRefusals.of(
                Yaml.map(
                    OCI
                        + "secretRef: {name: auth}\ncertSecretRef: {name: ca}\ntimeout: 60s\n"
                        + "provider: generic\ninsecure: false\n")))
        .isEmpty();
  }

  @Test
  void plainHttpRegistriesAreRefused() {
    assertThat(HelmRepositoryRefusals.of(Yaml.map(OCI + "insecure: true\n")))
        .contains(
            "spec.insecure is not supported by fluxlab's embedded backend: plain-HTTP registries"
                + " are not served: the registry speaks TLS");
  }

  @Test
  void cloudProvidersAreRefused() {
    assertThat(HelmRepositoryRefusals.of(Yaml.map(OCI + "provider: aws\n")))
        .hasValueSatisfying(m -> assertThat(m).startsWith("spec.provider is not supported"));
  }

  @Test
  void anOciTimeoutOtherThanOrasIsRefused() {
    assertThat(HelmRepositoryRefusals.of(Yaml.map(OCI + "timeout: 30s\n")))
        .contains(
            "spec.timeout is not supported by fluxlab's embedded backend: with type oci only 60s"
                + " (registry calls use ORAS's timeouts)");
    assertThat(HelmRepositoryRefusals.of(Yaml.map(HTTP + "timeout: 30s\n"))).isEmpty();
  }

  @Test
  void credentialsOfAnHttpRepositoryAreRefusedNotIgnored() {
    assertThat(HelmRepositoryRefusals.of(Yaml.map(HTTP + "secretRef: {name: auth}\n")))
        .hasValueSatisfying(m -> assertThat(m).startsWith("spec.secretRef is not supported"));
    assertThat(HelmRepositoryRefusals.of(Yaml.map(HTTP + "certSecretRef: {name: ca}\n")))
        .hasValueSatisfying(m -> assertThat(m).startsWith("spec.certSecretRef is not supported"));
    assertThat(HelmRepositoryRefusals.of(Yaml.map(HTTP + "interval: 5m\n"))).isEmpty();
  }
}
