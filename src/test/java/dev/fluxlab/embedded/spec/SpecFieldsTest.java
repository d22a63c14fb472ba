package dev.fluxlab.embedded.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.util.Yaml;
import org.junit.jupiter.api.Test;

/** How the registry decides for the fields an object sets. */
class SpecFieldsTest {
  @Test
  void handledFieldsPass() {
    assertThat(
            SpecFields.HELM_RELEASE.refusal(
                Yaml.map(
                    """
                    interval: 1m
                    install: {remediation: {retries: 3}, createNamespace: true}
                    values: {anything: {goes: [1, 2]}}
                    """)))
        .isEmpty();
  }

  @Test
  void theMostSpecificEntryDecides() {
    assertThat(SpecFields.HELM_RELEASE.refusal(Yaml.map("install: {crds: CreateReplace}\n")))
        .hasValue(
            "spec.install.crds is not supported by fluxlab's embedded backend: chart crds/"
                + " directories are not installed (only Skip is what happens)");
    assertThat(SpecFields.HELM_RELEASE.refusal(Yaml.map("install: {crds: Skip}\n"))).isEmpty();
  }

  @Test
  void fieldsInListsAreNamedWithoutTheirIndex() {
    assertThat(
            SpecFields.KUSTOMIZATION.refusal(
                Yaml.map("dependsOn: [{name: a}, {name: b, readyExpr: 'true'}]\n")))
        .hasValueSatisfying(
            m -> assertThat(m).startsWith("spec.dependsOn.readyExpr is not supported"));
  }

  @Test
  void anAcceptedValueOfARefusedFieldPasses() {
    assertThat(SpecFields.HELM_RELEASE.refusal(Yaml.map("test: {enable: false}\n"))).isEmpty();
    assertThat(SpecFields.HELM_RELEASE.refusal(Yaml.map("test: {enable: true}\n"))).isPresent();
  }
}
