package dev.fluxlab.embedded.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which registry tag a HelmChart version of an OCI HelmRepository pulls, as source-controller. */
class HelmRepositoryOciTagsTest {
  private static final List<String> TAGS =
      OciChartTags.helmTags(
          List.of("6.9.0", "6.9.1", "7.0.0-rc.1", "6.10.0_build.1", "latest", "v6.8.0"));

  @Test
  void anExactVersionIsPulledWithoutListingTags() {
    assertThat(OciChartTags.exact("6.9.0")).isTrue();
    assertThat(OciChartTags.exact("v6.9.0")).isTrue();
    assertThat(OciChartTags.exact("6.9.x")).isFalse();
    assertThat(OciChartTags.exact(">=6.0.0")).isFalse();
    assertThat(OciChartTags.exact("*")).isFalse();
  }

  @Test
  void tagsAreReadAsHelmReadsThem() {
    // '_' stands for '+', which OCI tags cannot hold; tags that are no strict semver are skipped.
    assertThat(TAGS).containsExactly("6.9.0", "6.9.1", "7.0.0-rc.1", "6.10.0+build.1");
  }

  @Test
  void aRangePicksTheHighestMatchingStableVersion() {
    assertThat(OciChartTags.pick(TAGS, "6.9.x")).contains("6.9.1");
    assertThat(OciChartTags.pick(TAGS, ">=6.0.0, <7.0.0")).contains("6.10.0+build.1");
    assertThat(OciChartTags.pick(TAGS, "*")).contains("6.10.0+build.1");
    assertThat(OciChartTags.pick(TAGS, "")).contains("6.10.0+build.1");
  }

  @Test
  void aConstraintEqualToATagIsThatTag() {
    assertThat(OciChartTags.pick(TAGS, "7.0.0-rc.1")).contains("7.0.0-rc.1");
  }

  @Test
  void noMatchingTagIsEmpty() {
    assertThat(OciChartTags.pick(TAGS, ">=9.0.0")).isEmpty();
    assertThat(OciChartTags.pick(List.of(), "*")).isEmpty();
  }

  @Test
  void aVersionWithBuildMetadataIsStoredUnderAnUnderscoreTag() {
    assertThat(OciChartTags.tagOf("6.10.0+build.1")).isEqualTo("6.10.0_build.1");
    assertThat(OciChartTags.tagOf("6.9.0")).isEqualTo("6.9.0");
  }
}
