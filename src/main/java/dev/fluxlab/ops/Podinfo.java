package dev.fluxlab.ops;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Layout;

/**
 * Where a layout's fixture keeps podinfo: the repository and file holding its HelmRelease (whose
 * chart version a release bumps), the namespace it runs in, and the Kustomization that applies it.
 */
public record Podinfo(
    String repository,
    String releaseFile,
    String namespace,
    String kustomizationNamespace,
    String kustomizationName) {

  public static final String VERSION_PATH = "spec.chart.spec.version";
  public static final String NAME = "podinfo";
  public static final String SETTINGS_CONFIGMAP = "podinfo-settings";

  /** The tenant every multi-tenancy environment starts with. */
  public static final String FIRST_TENANT = "dev-team";

  /** podinfo in a running environment, by the layout it was deployed with. */
  public static Podinfo of(Environment env) {
    return of(Layout.fromId(env.info().layout()));
  }

  public static Podinfo of(Layout layout) {
    return switch (layout) {
      case MULTI_CLUSTER ->
          new Podinfo(
              SeedPlan.FLEET_REPOSITORY,
              "apps/base/podinfo/release.yaml",
              "podinfo",
              FluxBootstrap.NAMESPACE,
              "apps");
      case MULTI_TENANCY ->
          new Podinfo(
              FIRST_TENANT, "base/podinfo/release.yaml", FIRST_TENANT, FIRST_TENANT, FIRST_TENANT);
    };
  }
}
