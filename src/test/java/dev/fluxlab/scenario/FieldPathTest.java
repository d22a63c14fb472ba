package dev.fluxlab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldPathTest {
  private static Map<String, Object> deployment() {
    Map<String, Object> container = new LinkedHashMap<>(Map.of("name", "app", "image", "app:1"));
    Map<String, Object> podSpec =
        new LinkedHashMap<>(Map.of("containers", new ArrayList<>(List.of(container))));
    Map<String, Object> spec =
        new LinkedHashMap<>(Map.of("template", new LinkedHashMap<>(Map.of("spec", podSpec))));
    Map<String, Object> labels =
        new LinkedHashMap<>(Map.of("app.kubernetes.io/name", "podinfo", "app", "x"));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("metadata", new LinkedHashMap<>(Map.of("labels", labels)));
    root.put("spec", spec);
    return root;
  }

  @Test
  void splitsOnDotsButNotOnEscapedDots() {
    assertThat(FieldPath.parse("metadata.labels.app\\.kubernetes\\.io/name"))
        .containsExactly("metadata", "labels", "app.kubernetes.io/name");
    assertThat(FieldPath.parse("spec")).containsExactly("spec");
  }

  @Test
  void readsThroughMapsAndListIndexes() {
    Map<String, Object> d = deployment();

    assertThat(FieldPath.read(d, "spec.template.spec.containers.0.image")).isEqualTo("app:1");
    assertThat(FieldPath.read(d, "metadata.labels.app\\.kubernetes\\.io/name"))
        .isEqualTo("podinfo");
  }

  @Test
  void readsNullForAnythingMissing() {
    Map<String, Object> d = deployment();

    assertThat(FieldPath.read(d, "spec.replicas")).isNull();
    assertThat(FieldPath.read(d, "spec.template.spec.containers.1.image")).isNull();
    assertThat(FieldPath.read(d, "spec.template.spec.containers.x")).isNull();
    assertThat(FieldPath.read(d, "spec.template.spec.containers.0.image.tag")).isNull();
    assertThat(FieldPath.read(null, "spec")).isNull();
  }

  @Test
  void writesIntoListItemsAndCreatesMissingMaps() {
    Map<String, Object> d = deployment();

    FieldPath.write(d, "spec.template.spec.containers.0.image", "app:2");
    FieldPath.write(d, "spec.template.metadata.annotations.note", "hi");
    FieldPath.write(d, "metadata.labels.app\\.kubernetes\\.io/name", "other");

    assertThat(FieldPath.read(d, "spec.template.spec.containers.0.image")).isEqualTo("app:2");
    assertThat(FieldPath.read(d, "spec.template.metadata.annotations.note")).isEqualTo("hi");
    assertThat(FieldPath.read(d, "metadata.labels"))
        .isEqualTo(Map.of("app.kubernetes.io/name", "other", "app", "x"));
  }

  @Test
  void writingBelowAScalarIsAnError() {
    Map<String, Object> d = deployment();

    assertThatThrownBy(() -> FieldPath.write(d, "spec.template.spec.containers.0.image.tag", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.template.spec.containers.0.image.tag");
  }
}
