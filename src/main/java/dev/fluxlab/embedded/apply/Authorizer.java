package dev.fluxlab.embedded.apply;

import dev.fluxlab.embedded.ApiResource;

/**
 * Decides whether an identity may perform a verb on an object, as the API server's authorizer
 * would. The applier asks before every write.
 */
@FunctionalInterface
public interface Authorizer {
  Authorizer ALLOW_ALL = (verb, type, namespace, name) -> {};

  /**
   * @param namespace the object's namespace, null for cluster-scoped objects
   * @throws ForbiddenException with the API server's Forbidden message when the request is not
   *     allowed
   */
  void check(String verb, ApiResource type, String namespace, String name);
}
