package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** helm-controller's chart version stamping from an OCIRepository revision. */
class OciChartSourceTest {
  private static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @Test
  void aSemverTagEqualToTheChartVersionStampsTheDigestsFirstTwelveHexDigits() {
    assertThat(OciChartSource.stamped("6.9.0", "6.9.0@" + DIGEST)).isEqualTo("6.9.0+0123456789ab");
    assertThat(OciChartSource.stamped("6.9.0", "v6.9@" + DIGEST)).isEqualTo("6.9.0+0123456789ab");
  }

  @Test
  void chartBuildMetadataIsReplacedAndAnUnderscoreInTheTagIsAPlus() {
    assertThat(OciChartSource.stamped("1.0.0+build.1", "1.0.0_build.1@" + DIGEST))
        .isEqualTo("1.0.0+0123456789ab");
  }

  @Test
  void aNonSemverTagOrADigestRevisionStampsTheDigest() {
    assertThat(OciChartSource.stamped("6.9.0", "latest@" + DIGEST)).isEqualTo("6.9.0+0123456789ab");
    assertThat(OciChartSource.stamped("6.9.0", DIGEST)).isEqualTo("6.9.0+0123456789ab");
  }

  @Test
  void aSemverTagOtherThanTheChartVersionIsAChartMutateError() {
    assertThatThrownBy(() -> OciChartSource.stamped("6.9.0", "6.9.1@" + DIGEST))
        .isInstanceOfSatisfying(
            ReleaseException.class, e -> assertThat(e.reason()).isEqualTo("ChartMutateError"))
        .hasMessage("artifact revision 6.9.1 does not match chart version 6.9.0");
  }
}
