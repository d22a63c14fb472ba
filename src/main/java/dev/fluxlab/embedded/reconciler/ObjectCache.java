package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Store;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the Flux objects the reconcile loop watches from its informers' caches, as Flux's
 * controllers read them (controller-runtime's client reads from its cache), and from the API server
 * only when the cache does not hold the object (not seen yet, or gone). A large fleet's reconciles
 * read the object itself, its source and its dependsOn targets each time: from the API server that
 * was a third of all requests and the API server is what limits a fleet here.
 *
 * <p>Each read returns a copy: a controller may edit what it reads, and the cache's object belongs
 * to the informer.
 */
public final class ObjectCache {
  private final KubernetesClient client;
  private final Map<ApiResource, Store<GenericKubernetesResource>> stores =
      new ConcurrentHashMap<>();
  private final Map<String, Store<GenericKubernetesResource>> storesByKind =
      new ConcurrentHashMap<>();

  public ObjectCache(KubernetesClient client) {
    this.client = client;
  }

  /** From now on objects of {@code type} are read from {@code store} first. */
  void serve(ApiResource type, Store<GenericKubernetesResource> store) {
    stores.put(type, store);
    storesByKind.put(kindKey(type.apiVersion(), type.kind()), store);
  }

  /** Forgets every store (the loop stopped watching). */
  void clear() {
    stores.clear();
    storesByKind.clear();
  }

  /**
   * The informer's copy of an object of a watched kind (by apiVersion and kind, as a manifest names
   * it), or null when no informer holds it; never a request.
   */
  public GenericKubernetesResource cached(
      String apiVersion, String kind, String namespace, String name) {
    Store<GenericKubernetesResource> store = storesByKind.get(kindKey(apiVersion, kind));
    GenericKubernetesResource cached =
        store == null ? null : store.getByKey(Cache.namespaceKeyFunc(namespace, name));
    return cached == null ? null : client.getKubernetesSerialization().clone(cached);
  }

  private static String kindKey(String apiVersion, String kind) {
    return apiVersion + " " + kind;
  }

  /** The object, or null when it does not exist. */
  public GenericKubernetesResource get(ApiResource type, String namespace, String name) {
    Store<GenericKubernetesResource> store = stores.get(type);
    if (store != null) {
      GenericKubernetesResource cached = store.getByKey(Cache.namespaceKeyFunc(namespace, name));
      if (cached != null) {
        return client.getKubernetesSerialization().clone(cached);
      }
    }
    return client
        .genericKubernetesResources(type.apiVersion(), type.kind())
        .inNamespace(namespace)
        .withName(name)
        .get();
  }
}
