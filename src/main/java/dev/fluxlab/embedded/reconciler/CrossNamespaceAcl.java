package dev.fluxlab.embedded.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * Flux's {@code --no-cross-namespace-refs} access control: when enabled, a Kustomization or
 * HelmRelease may only use a source in its own namespace. As in Flux (kustomize-controller 1.9,
 * helm-controller 1.6, checked against them), {@code dependsOn} may still name objects in other
 * namespaces, and {@code targetNamespace} is not a reference at all: where objects may be written
 * is RBAC's business.
 */
public final class CrossNamespaceAcl {
  /** Flux's reason for a blocked reference ({@code apis/acl.AccessDeniedReason}). */
  public static final String ACCESS_DENIED = "AccessDenied";

  public static final CrossNamespaceAcl ALLOW = new CrossNamespaceAcl(false);
  public static final CrossNamespaceAcl BLOCK = new CrossNamespaceAcl(true);

  private final boolean blocked;

  private CrossNamespaceAcl(boolean blocked) {
    this.blocked = blocked;
  }

  public static CrossNamespaceAcl of(boolean noCrossNamespaceRefs) {
    return noCrossNamespaceRefs ? BLOCK : ALLOW;
  }

  /**
   * Flux's access-denied message when the source of {@code obj} is in another namespace, or null
   * when it may be used.
   */
  public String denied(GenericKubernetesResource obj) {
    if (!blocked) {
      return null;
    }
    Map<String, Object> source = References.sourceRef(obj);
    return deniedRef(obj.getMetadata().getNamespace(), Maps.string(source, "kind"), source);
  }

  private static String deniedRef(String ownNamespace, String kind, Object ref) {
    String refNamespace = Maps.string(ref, "namespace");
    if (refNamespace == null || refNamespace.isEmpty() || refNamespace.equals(ownNamespace)) {
      return null;
    }
    return "can't access '"
        + kind
        + "/"
        + refNamespace
        + "/"
        + Maps.string(ref, "name")
        + "', cross-namespace references have been blocked";
  }
}
