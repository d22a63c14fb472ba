package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReleaseTest {
  private final Release release =
      new Release(
          "podinfo",
          "apps",
          2,
          "podinfo",
          "6.9.1",
          "6.9.1",
          Map.of("replicaCount", 2),
          "---\nkind: Service\n",
          Release.DEPLOYED,
          "2026-01-01T00:00:00Z",
          "2026-01-02T00:00:00Z",
          "Upgrade complete");

  @Test
  void survivesHelmsJsonForm() {
    assertThat(Release.fromJson(release.toJson())).isEqualTo(release);
    assertThat(release.toJson())
        .contains("\"first_deployed\":\"2026-01-01T00:00:00Z\"")
        .contains("\"chart\":{\"metadata\":{");
  }

  @Test
  void snapshotHasHelmControllerHistoryFields() {
    assertThat(release.snapshot())
        .containsEntry("version", 2)
        .containsEntry("status", "deployed")
        .containsEntry("chartVersion", "6.9.1")
        .containsEntry("configDigest", ReleaseValues.digest(Map.of("replicaCount", 2)))
        .containsKeys("digest", "firstDeployed", "lastDeployed", "appVersion", "namespace");
  }
}
