package dev.fluxlab.embedded.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** The annotations and labels Flux reads and writes. */
public final class Annotations {
  /** Set by {@code flux reconcile}: any new value asks for a reconcile now. */
  public static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

  public static final String KUSTOMIZE_NAME = "kustomize.toolkit.fluxcd.io/name";
  public static final String KUSTOMIZE_NAMESPACE = "kustomize.toolkit.fluxcd.io/namespace";
  public static final String HELM_NAME = "helm.toolkit.fluxcd.io/name";
  public static final String HELM_NAMESPACE = "helm.toolkit.fluxcd.io/namespace";

  /** {@code disabled} on an object keeps it when its Kustomization would prune it. */
  public static final String PRUNE = "kustomize.toolkit.fluxcd.io/prune";

  /** {@code disabled} on an object skips postBuild variable substitution. */
  public static final String SUBSTITUTE = "kustomize.toolkit.fluxcd.io/substitute";

  /** {@code IfNotPresent} creates the object once and never updates it again. */
  public static final String SSA = "kustomize.toolkit.fluxcd.io/ssa";

  /** {@code enabled} recreates the object when an immutable field of it changed. */
  public static final String FORCE = "kustomize.toolkit.fluxcd.io/force";

  private Annotations() {}

  public static String requestedAt(HasMetadata obj) {
    var a = obj.getMetadata().getAnnotations();
    return a == null ? null : a.get(REQUESTED_AT);
  }
}
