package dev.fluxlab.embedded.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/**
 * Flux's {@code --no-cross-namespace-refs} access control: when enabled, a Kustomization or
 * HelmRelease may only refer to sources and dependencies in its own namespace. {@code
 * targetNamespace} is not a reference; where objects may be written is RBAC's business.
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
   * Flux's access-denied message for the first reference of {@code obj} into another namespace (its
   * source first, then {@code dependsOn}), or null when all are allowed.
   */
  public String denied(GenericKubernetesResource obj) {
    if (!blocked) {
      return null;
    }
    String ns = obj.getMetadata().getNamespace();
    Map<String, Object> source = References.sourceRef(obj);
    String denied = deniedRef(ns, Maps.string(source, "kind"), source);
    if (denied != null) {
      return denied;
    }
    for (Object dep : Maps.list(Maps.spec(obj), "dependsOn")) {
      denied = deniedRef(ns, obj.getKind(), dep);
      if (denied != null) {
        return denied;
      }
    }
    return null;
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
