package dev.fluxlab.embedded;

import java.util.List;

/** One resource type the embedded API server serves, as discovery describes it. */
public record ApiResource(
    String group,
    String version,
    String kind,
    String plural,
    boolean namespaced,
    List<String> shortNames,
    List<String> categories) {

  public ApiResource {
    shortNames = List.copyOf(shortNames);
    categories = List.copyOf(categories);
  }

  /** "v1" for the core group, "group/version" otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String singular() {
    return kind.toLowerCase(java.util.Locale.ROOT);
  }
}
