package dev.fluxlab.embedded.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
  private static final Map<String, String> VARS =
      Map.of("cluster_env", "prod", "region", "eu-1", "empty", "");

  @Test
  void replacesBracedVariables() {
    assertThat(Substitution.apply("env: ${cluster_env}-${region}", VARS))
        .isEqualTo("env: prod-eu-1");
  }

  @Test
  void aSetVariableWinsOverItsDefault() {
    assertThat(Substitution.apply("${cluster_env:=dev} ${cluster_env:-dev}", VARS))
        .isEqualTo("prod prod");
  }

  @Test
  void anUnsetVariableTakesItsDefault() {
    assertThat(Substitution.apply("${tier:=gold} ${tier:-silver}", VARS)).isEqualTo("gold silver");
  }

  @Test
  void anEmptyVariableTakesItsDefaultAsInFluxEnvsubst() {
    assertThat(Substitution.apply("${empty:=gold} ${empty:-silver}", VARS))
        .isEqualTo("gold silver");
  }

  @Test
  void anUnsetVariableWithoutDefaultBecomesEmpty() {
    assertThat(Substitution.apply("tier: '${tier}'", VARS)).isEqualTo("tier: ''");
  }

  @Test
  void doubleDollarEscapesToALiteralReference() {
    assertThat(Substitution.apply("literal: $${cluster_env}, value: ${cluster_env}", VARS))
        .isEqualTo("literal: ${cluster_env}, value: prod");
  }

  @Test
  void valuesAreInsertedLiterally() {
    assertThat(Substitution.apply("x: ${v}", Map.of("v", "a$1\\b"))).isEqualTo("x: a$1\\b");
  }

  @Test
  void textWithoutReferencesIsUnchanged() {
    String text = "price: $5 and {braces} and $HOME";

    assertThat(Substitution.apply(text, VARS)).isEqualTo(text);
  }

  @Test
  void invalidVariableNamesAreRejectedWithFluxsMessage() {
    for (String bad : new String[] {"1st", "my-var", "a.b", ""}) {
      assertThatThrownBy(() -> Substitution.validateNames(Map.of(bad, "x")))
          .as("'%s'", bad)
          .isInstanceOf(BuildException.class)
          .hasMessage(
              "'"
                  + bad
                  + "' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'")
          .extracting(e -> ((BuildException) e).reason())
          .isEqualTo("BuildFailed");
    }
  }

  @Test
  void validVariableNamesAreAccepted() {
    assertThatCode(
            () -> Substitution.validateNames(Map.of("_a", "1", "cluster_env2", "2", "B", "")))
        .doesNotThrowAnyException();
  }
}
