package dev.fluxlab.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void parsesTheUnitsFluxObjectsUse() {
    assertThat(GoDuration.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(GoDuration.parse("60s")).isEqualTo(Duration.ofMinutes(1));
    assertThat(GoDuration.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
    assertThat(GoDuration.parse("7ns")).isEqualTo(Duration.ofNanos(7));
  }

  @Test
  void parsesFractionsAndSurroundingBlanks() {
    assertThat(GoDuration.parse("1.5h")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("0.5s")).isEqualTo(Duration.ofMillis(500));
    assertThat(GoDuration.parse(" 2m ")).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void zeroNeedsNoUnit() {
    assertThat(GoDuration.parse("0")).isZero();
    assertThat(GoDuration.parse("0s")).isZero();
  }

  @Test
  void rejectsTextThatIsNotADurationAndQuotesIt() {
    for (String bad : new String[] {"10", "1x", "m", "1m30", "1m 30s", "soon", "-"}) {
      assertThatThrownBy(() -> GoDuration.parse(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("'" + bad + "' is not a duration");
    }
  }

  @Test
  void rejectsEmptyText() {
    assertThatThrownBy(() -> GoDuration.parse("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoDuration.parse("  ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoDuration.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsAsGoDoesForFluxMessages() {
    assertThat(GoDuration.goString(Duration.ofMinutes(5))).isEqualTo("5m0s");
    assertThat(GoDuration.goString(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.goString(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.goString(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(GoDuration.goString(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.goString(Duration.ofMillis(250))).isEqualTo("250ms");
  }

  @Test
  void formatsCompactlyAndParsesBack() {
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(GoDuration.format(Duration.ofMinutes(61))).isEqualTo("1h1m");
    for (Duration d :
        new Duration[] {Duration.ofSeconds(90), Duration.ofMinutes(61), Duration.ofMillis(20)}) {
      assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
    }
  }
}
