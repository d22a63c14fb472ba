package dev.fluxlab.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArtifactUrlTest {
  @Test
  void aUrlWithHostRepositoryAndTagIsSplitAsTheFluxCliSplitsIt() {
    ArtifactUrl url = ArtifactUrl.parse("oci://fluxlab-registry:5000/fleet/apps:v1.2.0");

    assertThat(url.host()).isEqualTo("fluxlab-registry:5000");
    assertThat(url.repository()).isEqualTo("fleet/apps");
    assertThat(url.tag()).isEqualTo("v1.2.0");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "https://host/repo:tag | must start with oci://",
        "oci://host | has no repository",
        "oci://host/repo | has no tag",
        "oci://host/repo: | has no tag",
        "oci://host/Repo:v1 | is not a valid OCI name",
        "oci://host/repo:-v1 | is not a valid OCI tag"
      })
  void aUrlFluxCouldNotPushToIsRefusedSayingWhy(String url, String why) {
    assertThatThrownBy(() -> ArtifactUrl.parse(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }
}
