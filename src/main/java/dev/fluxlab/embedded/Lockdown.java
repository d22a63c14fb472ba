package dev.fluxlab.embedded;

/**
 * Flux's multi-tenancy lockdown, as the controller flags set it: {@code
 * --no-cross-namespace-refs=true} and {@code --default-service-account=<name>}.
 *
 * @param noCrossNamespaceRefs Kustomizations and HelmReleases may only refer to sources and
 *     dependencies in their own namespace
 * @param defaultServiceAccount the service account (in the object's own namespace) impersonated
 *     when an object names none; null to apply as the controller itself (cluster-admin)
 */
public record Lockdown(boolean noCrossNamespaceRefs, String defaultServiceAccount) {
  /** Flux's defaults: no lockdown. */
  public static final Lockdown NONE = new Lockdown(false, null);

  public Lockdown {
    if (defaultServiceAccount != null && defaultServiceAccount.isBlank()) {
      defaultServiceAccount = null;
    }
  }
}
