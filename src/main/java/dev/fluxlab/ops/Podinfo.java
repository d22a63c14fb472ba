package dev.fluxlab.ops;

/** Where the fixtures keep podinfo's release, and the names of what it creates. */
public final class Podinfo {
  /** The HelmRelease manifest whose chart version a release bumps. */
  public static final String RELEASE_FILE = "apps/base/podinfo/release.yaml";

  public static final String VERSION_PATH = "spec.chart.spec.version";
  public static final String NAMESPACE = "podinfo";
  public static final String NAME = "podinfo";

  private Podinfo() {}
}
