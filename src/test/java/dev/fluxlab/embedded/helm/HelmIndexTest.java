package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HelmIndexTest {
  private static final String INDEX =
      """
      apiVersion: v1
      entries:
        podinfo:
          - name: podinfo
            version: 6.10.0
            appVersion: 6.10.0
            urls: [podinfo-6.10.0.tgz]
            digest: abc
          - name: podinfo
            version: 6.9.1
            urls: [https://example.org/podinfo-6.9.1.tgz]
          - name: podinfo
            version: 6.9.0
            urls: [podinfo-6.9.0.tgz]
      """;

  @Test
  void picksTheHighestVersionInTheRangeBySemverNotText() {
    HelmIndex index = HelmIndex.parse(INDEX);

    assertThat(index.latest("podinfo", "*"))
        .get()
        .extracting(HelmIndex.ChartVersion::version)
        .isEqualTo("6.10.0");
    assertThat(index.latest("podinfo", "6.9.x"))
        .get()
        .extracting(HelmIndex.ChartVersion::version)
        .isEqualTo("6.9.1");
    assertThat(index.latest("podinfo", "6.9.x").get().urls())
        .containsExactly("https://example.org/podinfo-6.9.1.tgz");
    assertThat(index.latest("podinfo", "9.9.9")).isEmpty();
    assertThat(index.latest("other", "*")).isEmpty();
    assertThat(index.size()).isEqualTo(3);
  }

  @Test
  void refusesADocumentThatIsNotAnIndex() {
    assertThatThrownBy(() -> HelmIndex.parse("kind: ConfigMap\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no API version");
  }
}
