package dev.fluxlab.embedded.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreeWayMergeTest {
  @Test
  void anOwnedFieldThatDriftedIsSetBack() {
    Map<String, Object> live = Map.of("data", Map.of("tier", "edited-by-hand"));
    Map<String, Object> applied = Map.of("data", Map.of("tier", "gold"));

    Map<String, Object> merged = ThreeWayMerge.merge(live, applied, applied);

    assertThat(merged).isEqualTo(Map.of("data", Map.of("tier", "gold")));
  }

  @Test
  void aFieldAddedByAnotherManagerIsKept() {
    Map<String, Object> live =
        Map.of(
            "metadata", Map.of("name", "a", "annotations", Map.of("other/owner", "yes")),
            "data", Map.of("tier", "gold", "added", "by-someone"));
    Map<String, Object> desired =
        Map.of("metadata", Map.of("name", "a"), "data", Map.of("tier", "silver"));

    Map<String, Object> merged = ThreeWayMerge.merge(live, desired, desired);

    assertThat(merged)
        .isEqualTo(
            Map.of(
                "metadata", Map.of("name", "a", "annotations", Map.of("other/owner", "yes")),
                "data", Map.of("tier", "silver", "added", "by-someone")));
  }

  @Test
  void aFieldNoLongerDeclaredButAppliedBeforeIsRemoved() {
    Map<String, Object> live =
        Map.of("data", Map.of("tier", "gold", "note", "old", "x", "foreign"));
    Map<String, Object> lastApplied = Map.of("data", Map.of("tier", "gold", "note", "old"));
    Map<String, Object> desired = Map.of("data", Map.of("tier", "gold"));

    Map<String, Object> merged = ThreeWayMerge.merge(live, lastApplied, desired);

    assertThat(merged).isEqualTo(Map.of("data", Map.of("tier", "gold", "x", "foreign")));
  }

  @Test
  void aWholeSectionNoLongerDeclaredIsRemoved() {
    Map<String, Object> live = Map.of("spec", Map.of("a", 1), "data", Map.of("k", "v"));
    Map<String, Object> lastApplied = Map.of("spec", Map.of("a", 1), "data", Map.of("k", "v"));
    Map<String, Object> desired = Map.of("spec", Map.of("a", 1));

    assertThat(ThreeWayMerge.merge(live, lastApplied, desired))
        .isEqualTo(Map.of("spec", Map.of("a", 1)));
  }

  @Test
  void withoutAPreviousApplyNothingIsRemoved() {
    Map<String, Object> live = Map.of("data", Map.of("x", "foreign"));
    Map<String, Object> desired = Map.of("data", Map.of("tier", "gold"));

    assertThat(ThreeWayMerge.merge(live, null, desired))
        .isEqualTo(Map.of("data", Map.of("x", "foreign", "tier", "gold")));
  }

  @Test
  void nestedMapsMergeAtEveryLevel() {
    Map<String, Object> live =
        Map.of(
            "spec",
            Map.of(
                "template",
                Map.of("metadata", Map.of("annotations", Map.of("restartedAt", "now", "a", "1")))));
    Map<String, Object> lastApplied =
        Map.of(
            "spec",
            Map.of("template", Map.of("metadata", Map.of("annotations", Map.of("a", "1")))));
    Map<String, Object> desired =
        Map.of(
            "spec",
            Map.of("template", Map.of("metadata", Map.of("annotations", Map.of("a", "2")))));

    assertThat(ThreeWayMerge.merge(live, lastApplied, desired))
        .isEqualTo(
            Map.of(
                "spec",
                Map.of(
                    "template",
                    Map.of(
                        "metadata",
                        Map.of("annotations", Map.of("restartedAt", "now", "a", "2"))))));
  }

  @Test
  void listsAreReplacedWhole() {
    Map<String, Object> live =
        Map.of(
            "spec",
            Map.of(
                "containers",
                List.of(
                    Map.of("name", "app", "image", "app:1", "added", "x"),
                    Map.of("name", "sidecar", "image", "side:1"))));
    Map<String, Object> desired =
        Map.of("spec", Map.of("containers", List.of(Map.of("name", "app", "image", "app:2"))));

    assertThat(ThreeWayMerge.merge(live, desired, desired))
        .isEqualTo(
            Map.of("spec", Map.of("containers", List.of(Map.of("name", "app", "image", "app:2")))));
  }

  @Test
  void theInputsAreNotModified() {
    Map<String, Object> liveData = new LinkedHashMap<>(Map.of("tier", "gold", "old", "x"));
    Map<String, Object> live = new LinkedHashMap<>(Map.of("data", liveData));
    Map<String, Object> lastApplied = Map.of("data", Map.of("tier", "gold", "old", "x"));
    Map<String, Object> desired = Map.of("data", Map.of("tier", "silver"));

    Map<String, Object> merged = ThreeWayMerge.merge(live, lastApplied, desired);

    assertThat(merged).isEqualTo(Map.of("data", Map.of("tier", "silver")));
    assertThat(live).isEqualTo(Map.of("data", Map.of("tier", "gold", "old", "x")));
  }

  @Test
  void aScalarReplacedByAMapTakesTheDeclaredMap() {
    Map<String, Object> live = Map.of("spec", "legacy");
    Map<String, Object> desired = Map.of("spec", Map.of("a", 1));

    assertThat(ThreeWayMerge.merge(live, null, desired)).isEqualTo(desired);
  }
}
