package dev.fluxlab.embedded.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No field of the pinned Flux release's Kustomization and HelmRelease schemas is silently ignored:
 * each is covered by an entry of the registry (handled or refused), and the registry names no field
 * the schema lacks.
 */
class SpecFieldsSchemaTest {
  private static FluxCrdSchemas schemas;

  @BeforeAll
  static void findSchemas() {
    Optional<FluxCrdSchemas> found = FluxCrdSchemas.find();
    assumeTrue(
        found.isPresent(),
        () -> "skipped: neither the Flux install manifests " + FluxCrdSchemas.whereToGetThem());
    schemas = found.get();
  }

  static List<SpecFields> registries() {
    return List.of(
        SpecFields.KUSTOMIZATION,
        SpecFields.HELM_RELEASE,
        SpecFields.OCI_REPOSITORY,
        SpecFields.HELM_REPOSITORY);
  }

  @ParameterizedTest
  @MethodSource("registries")
  void everySchemaFieldIsHandledOrRefused(SpecFields registry) {
    List<String> leaves = schemas.specLeaves(registry.apiVersion(), registry.kind());
    assertThat(leaves)
        .as("spec fields of %s in %s", registry.kind(), schemas.origin())
        .isNotEmpty();
    List<String> uncovered =
        leaves.stream().filter(leaf -> registry.entryFor(leaf).isEmpty()).toList();
    assertThat(uncovered)
        .as("%s fields neither handled nor refused (schema: %s)", registry.kind(), schemas.origin())
        .isEmpty();
  }

  @ParameterizedTest
  @MethodSource("registries")
  void everyRegistryEntryIsASchemaField(SpecFields registry) {
    List<String> leaves = schemas.specLeaves(registry.apiVersion(), registry.kind());
    List<String> unknown =
        registry.fields().stream()
            .map(SpecField::path)
            .filter(path -> leaves.stream().noneMatch(leaf -> coveredBy(leaf, path)))
            .toList();
    assertThat(unknown).as("%s registry entries not in the schema", registry.kind()).isEmpty();
  }

  private static boolean coveredBy(String leaf, String path) {
    return leaf.equals(path) || leaf.startsWith(path + ".") || leaf.startsWith(path + "[]");
  }
}
