package dev.fluxlab.ops;

import dev.fluxlab.config.Layout;
import dev.fluxlab.config.Settings;

/**
 * Whether an environment runs Flux with the multi-tenancy lockdown of Flux's guide ({@code
 * --no-cross-namespace-refs=true}, {@code --default-service-account=default}): always for the
 * multi-tenancy layout, never otherwise.
 */
public final class MultiTenancy {
  /** The service account objects without {@code serviceAccountName} are reconciled as. */
  public static final String DEFAULT_SERVICE_ACCOUNT = "default";

  /** The identity platform Kustomizations name to apply with the controller's own rights. */
  public static final String CONTROLLER_SERVICE_ACCOUNT = "kustomize-controller";

  private MultiTenancy() {}

  public static boolean isLockedDown(Settings settings) {
    return settings.layout() == Layout.MULTI_TENANCY;
  }
}
