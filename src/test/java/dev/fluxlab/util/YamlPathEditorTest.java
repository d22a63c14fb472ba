package dev.fluxlab.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlPathEditorTest {
  private static final String RELEASE =
      """
      # podinfo, deployed by Flux
      apiVersion: helm.toolkit.fluxcd.io/v2
      kind: HelmRelease
      metadata:
        name: podinfo   # keep in sync with the chart
        namespace: podinfo
      spec:
        interval: 1m
        chart:
          spec:
            chart: podinfo
            # the version new-release bumps
            version: 6.9.0 # pinned
            sourceRef:
              kind: HelmRepository
              name: podinfo

        values:
          replicaCount: 1
      """;

  @Test
  void setsANestedScalarAndLeavesEveryOtherLineUntouched() {
    String edited = YamlPathEditor.set(RELEASE, "spec.chart.spec.version", "6.9.1");

    assertThat(edited)
        .isEqualTo(
            RELEASE.replace("    version: 6.9.0 # pinned", "    version: \"6.9.1\" # pinned"));
    assertThat(YamlPathEditor.get(edited, "spec.chart.spec.version")).isEqualTo("6.9.1");
  }

  @Test
  void aVersionIsQuotedSoItStaysAString() {
    String edited = YamlPathEditor.set("version: 1\n", "version", "6.9.1");

    assertThat(edited).isEqualTo("version: \"6.9.1\"\n");
    assertThat(Yaml.map(edited)).containsEntry("version", "6.9.1");
  }

  @Test
  void wordsYamlReadsAsBooleansOrNullAreQuoted() {
    for (String word : List.of("true", "false", "yes", "No", "null", "on", "~")) {
      String edited = YamlPathEditor.set("data:\n  flag: x\n", "data.flag", word);

      assertThat(Yaml.map(edited)).as(word).isEqualTo(Map.of("data", Map.of("flag", word)));
    }
  }

  @Test
  void integersStayNumbersAndDecimalsStayStrings() {
    String replicas = YamlPathEditor.set("spec:\n  replicas: 1\n", "spec.replicas", "3");
    String ratio = YamlPathEditor.set("spec:\n  ratio: a\n", "spec.ratio", "1.5");

    assertThat(replicas).isEqualTo("spec:\n  replicas: 3\n");
    assertThat(Yaml.map(ratio)).isEqualTo(Map.of("spec", Map.of("ratio", "1.5")));
  }

  @Test
  void plainWordsAndQuotesInValuesAreWrittenSafely() {
    assertThat(YamlPathEditor.set("data:\n  tier: gold\n", "data.tier", "silver"))
        .isEqualTo("data:\n  tier: silver\n");
    String quoted = YamlPathEditor.set("data:\n  note: x\n", "data.note", "say \"hi\": now");
    assertThat(Yaml.map(quoted)).isEqualTo(Map.of("data", Map.of("note", "say \"hi\": now")));
  }

  @Test
  void inAMultiDocumentFileTheFirstDocumentWithThePathIsEdited() {
    String yaml =
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: one
        data:
          tier: gold
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: two
        data:
          tier: gold
        """;

    String edited = YamlPathEditor.set(yaml, "data.tier", "silver");

    assertThat(edited)
        .isEqualTo(
            yaml.replaceFirst(
                "name: one\ndata:\n  tier: gold", "name: one\ndata:\n  tier: silver"));
    assertThat(Yaml.documents(edited))
        .extracting(d -> (Object) dev.fluxlab.embedded.reconciler.Maps.string(d, "data", "tier"))
        .containsExactly(null, "silver", "gold");
  }

  @Test
  void aMissingPathIsAnError() {
    assertThatThrownBy(() -> YamlPathEditor.set(RELEASE, "spec.chart.spec.tag", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.chart.spec.tag");
    assertThatThrownBy(() -> YamlPathEditor.set(RELEASE, "spec.version", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.version");
  }

  @Test
  void aMappingIsNotAScalar() {
    assertThatThrownBy(() -> YamlPathEditor.set(RELEASE, "spec.chart", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.chart is not a scalar");
  }

  @Test
  void aFieldOfAListItemIsNotAFieldOfTheListsParent() {
    String deployment =
        """
        spec:
          containers:
          - name: app
            image: old
        """;

    assertThatThrownBy(() -> YamlPathEditor.set(deployment, "spec.image", "new"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no field spec.image");
  }

  @Test
  void fieldsAfterAListAreStillFound() {
    String deployment =
        """
        spec:
          containers:
          - name: app
            image: old
          replicas: 1
        """;

    assertThat(YamlPathEditor.set(deployment, "spec.replicas", "2"))
        .isEqualTo(deployment.replace("replicas: 1", "replicas: 2"));
  }

  @Test
  void getReadsTheFirstDocumentThatHasThePath() {
    assertThat(YamlPathEditor.get("a: 1\n---\nb:\n  c: x\n", "b.c")).isEqualTo("x");
    assertThat(YamlPathEditor.get("a: 1\n", "b.c")).isNull();
  }
}
