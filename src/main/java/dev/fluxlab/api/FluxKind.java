package dev.fluxlab.api;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Flux kinds fluxlab creates, reads and reconciles, in the order `flux get all` lists them. */
public enum FluxKind {
  GIT_REPOSITORY("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories", "gitrepo"),
  HELM_REPOSITORY(
      "source.toolkit.fluxcd.io", "v1", "HelmRepository", "helmrepositories", "helmrepo"),
  OCI_REPOSITORY("source.toolkit.fluxcd.io", "v1", "OCIRepository", "ocirepositories", "ocirepo"),
  KUSTOMIZATION("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations", "ks"),
  HELM_RELEASE("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases", "hr");

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final String shortName;

  FluxKind(String group, String version, String kind, String plural, String shortName) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
    this.shortName = shortName;
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String apiVersion() {
    return group + "/" + version;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public String shortName() {
    return shortName;
  }

  /** Finds a kind by its Kind, plural or short name, case-insensitively. */
  public static Optional<FluxKind> parse(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(
            k ->
                k.kind.toLowerCase(Locale.ROOT).equals(t)
                    || k.plural.equals(t)
                    || k.shortName.equals(t))
        .findFirst();
  }

  public static List<String> names() {
    return Arrays.stream(values()).map(FluxKind::kind).toList();
  }
}
