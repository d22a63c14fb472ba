package dev.fluxlab.embedded.helm;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.util.Yaml;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed Helm repository {@code index.yaml}: which chart versions exist and where they lie. */
final class HelmIndex {
  /** One entry of {@code entries.<chart>[]}. */
  record ChartVersion(
      String name, String version, String appVersion, List<String> urls, String digest) {}

  private final Map<String, Object> entries;

  private HelmIndex(Map<String, Object> entries) {
    this.entries = entries;
  }

  /**
   * @throws IllegalArgumentException when the text is not a Helm repository index
   */
  static HelmIndex parse(String yaml) {
    Map<String, Object> index = Yaml.map(yaml);
    if (!"v1".equals(Maps.string(index, "apiVersion"))) {
      throw new IllegalArgumentException("no API version specified");
    }
    return new HelmIndex(Maps.map(index, "entries"));
  }

  /** How many chart versions the index lists. */
  int size() {
    return entries.values().stream().mapToInt(v -> v instanceof List<?> l ? l.size() : 0).sum();
  }

  /**
   * The highest version of {@code chart} satisfying {@code constraint}, as Helm and
   * source-controller pick it.
   */
  Optional<ChartVersion> latest(String chart, String constraint) {
    return Maps.list(entries, chart).stream()
        .filter(e -> Maps.string(e, "version") != null)
        .filter(e -> ChartVersions.satisfies(Maps.string(e, "version"), constraint))
        .max(Comparator.comparing(e -> ChartVersions.parse(Maps.string(e, "version"))))
        .map(HelmIndex::toVersion);
  }

  boolean hasChart(String chart) {
    return !Maps.list(entries, chart).isEmpty();
  }

  private static ChartVersion toVersion(Object e) {
    return new ChartVersion(
        Maps.string(e, "name"),
        Maps.string(e, "version"),
        Maps.stringOr(e, "", "appVersion"),
        Maps.list(e, "urls").stream().map(Object::toString).toList(),
        Maps.string(e, "digest"));
  }
}
