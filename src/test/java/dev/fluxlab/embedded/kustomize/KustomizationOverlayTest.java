package dev.fluxlab.embedded.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.util.Yaml;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec fields written into kustomization.yaml, as fluxcd/pkg/kustomize's generator does. */
class KustomizationOverlayTest {
  private static Map<String, Object> overlaid(String kustomization, String spec) {
    Map<String, Object> kus = new LinkedHashMap<>(Yaml.map(kustomization));
    KustomizationOverlay.of(Yaml.map(spec)).apply(kus, Path.of("."));
    return kus;
  }

  @Test
  void anImageOfTheSameNameIsMergedTagAndDigestTogether() {
    Map<String, Object> kus =
        overlaid(
            """
            images:
              - {name: web, newName: lab/web, digest: "sha256:aa"}
              - {name: db, newTag: "1"}
            """,
            """
            images:
              - {name: web, newTag: "2"}
              - {name: cache, newName: lab/cache}
            """);

    assertThat(kus.get("images"))
        .isEqualTo(
            List.of(
                Map.of("name", "web", "newName", "lab/web", "newTag", "2"),
                Map.of("name", "db", "newTag", "1"),
                Map.of("name", "cache", "newName", "lab/cache")));
  }

  @Test
  void patchesAndComponentsAreAppendedNamesAndNamespaceReplaced() {
    Map<String, Object> kus =
        overlaid(
            """
            namespace: old
            namePrefix: old-
            patches: [{patch: a}]
            components: [../c1]
            """,
            """
            targetNamespace: new
            namePrefix: new-
            nameSuffix: -s
            patches: [{patch: b, target: {kind: ConfigMap}}]
            components: [../c2]
            """);

    assertThat(kus)
        .containsEntry("namespace", "new")
        .containsEntry("namePrefix", "new-")
        .containsEntry("nameSuffix", "-s")
        .containsEntry(
            "patches",
            List.of(
                Map.of("patch", "a"), Map.of("patch", "b", "target", Map.of("kind", "ConfigMap"))))
        .containsEntry("components", List.of("../c1", "../c2"));
  }

  @Test
  void aSpecWithoutTheseFieldsChangesNothing() {
    Map<String, Object> kus = new LinkedHashMap<>(Yaml.map("resources: [a.yaml]\n"));
    assertThat(
            KustomizationOverlay.of(Yaml.map("path: ./x\nprune: true\n")).apply(kus, Path.of(".")))
        .isFalse();
    assertThat(kus).isEqualTo(Map.of("resources", List.of("a.yaml")));
  }
}
