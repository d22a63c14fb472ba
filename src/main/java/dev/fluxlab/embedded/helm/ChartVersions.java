package dev.fluxlab.embedded.helm;

import org.semver4j.Semver;

/** Chart versions and Helm's version constraints ("*", "6.9.x", "^6.0", ">=6.0.0, <7.0.0"). */
final class ChartVersions {
  private ChartVersions() {}

  /** A version for sorting; anything that is not semver sorts below every real version. */
  static Semver parse(Object version) {
    Semver v = version == null ? null : Semver.coerce(version.toString());
    return v == null ? Semver.ZERO : v;
  }

  /**
   * Whether {@code version} satisfies {@code constraint}. Helm (Masterminds semver) separates AND
   * terms with commas or spaces; semver4j, like npm, with spaces only. An exact constraint matches
   * the exact version, build metadata included.
   */
  static boolean satisfies(String version, String constraint) {
    String c = constraint == null || constraint.isBlank() ? "*" : constraint.trim();
    if (c.equals(version)) {
      return true;
    }
    Semver v = Semver.parse(version.startsWith("v") ? version.substring(1) : version);
    if (v == null) {
      return false;
    }
    return v.satisfies(c.replace(",", " "));
  }
}
