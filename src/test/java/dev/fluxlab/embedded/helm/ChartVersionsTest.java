package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChartVersionsTest {
  @ParameterizedTest(name = "{0} satisfies \"{1}\": {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "6.9.0 | *              | true",
        "6.9.0 | ''             | true",
        "6.9.0 | 6.9.0          | true",
        "6.9.1 | 6.9.0          | false",
        "6.9.1 | 6.9.x          | true",
        "7.0.0 | 6.9.x          | false",
        "6.9.1 | ^6.0           | true",
        "6.9.1 | ~6.9           | true",
        "6.9.1 | '>=6.0.0, <7.0.0' | true",
        "7.0.0 | '>=6.0.0, <7.0.0' | false",
        "6.9.1 | '>=6.0.0 <7.0.0'  | true",
        "7.0.0-rc.1 | *         | false",
        "6.9.0 | 9.9.9          | false",
      })
  void matchesHelmConstraints(String version, String constraint, boolean expected) {
    assertThat(ChartVersions.satisfies(version, constraint)).isEqualTo(expected);
  }
}
