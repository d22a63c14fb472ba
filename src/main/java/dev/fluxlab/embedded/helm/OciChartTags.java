package dev.fluxlab.embedded.helm;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * Which tag of an OCI chart repository a HelmChart version means, as source-controller's OCI chart
 * repository decides on top of Helm's registry client: an exact version is pulled as written
 * without listing tags; otherwise the tags are read as Helm reads them ({@code _} back to {@code
 * +}, strict semver only) and the one equal to the constraint, else the highest satisfying it,
 * wins.
 */
final class OciChartTags {
  private OciChartTags() {}

  /**
   * Whether {@code version} names one version (strict semver, a leading {@code v} allowed), which
   * source-controller pulls without listing the repository's tags.
   */
  static boolean exact(String version) {
    return version != null && strict(version.startsWith("v") ? version.substring(1) : version);
  }

  /** The chart tags Helm's registry client lists: semver tags, {@code _} read as {@code +}. */
  static List<String> helmTags(List<String> registryTags) {
    return registryTags.stream()
        .map(t -> t.replace('_', '+'))
        .filter(OciChartTags::strict)
        .toList();
  }

  /** The version to pull for {@code constraint}, or empty when no tag satisfies it. */
  static Optional<String> pick(List<String> helmTags, String constraint) {
    if (constraint != null && !constraint.isEmpty() && helmTags.contains(constraint)) {
      return Optional.of(constraint);
    }
    String c = constraint == null || constraint.isEmpty() ? "*" : constraint;
    return helmTags.stream()
        .filter(t -> ChartVersions.satisfies(t, c))
        .max(Comparator.comparing(Semver::parse));
  }

  /** The tag a version is stored under: OCI tags cannot hold {@code +}. */
  static String tagOf(String version) {
    return version.replace('+', '_');
  }

  /**
   * Masterminds' StrictNewVersion: semver 2.0 as written, no leading {@code v} (semver4j takes
   * one).
   */
  private static boolean strict(String v) {
    return !v.isEmpty() && Character.isDigit(v.charAt(0)) && Semver.isValid(v);
  }
}
