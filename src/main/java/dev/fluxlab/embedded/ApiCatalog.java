package dev.fluxlab.embedded;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The resource types a cluster serves, as its API server's discovery says, cached per group
 * version. A kind that is not in the cache is looked up again before it is declared unknown, so a
 * CRD registered a moment ago is found.
 */
public final class ApiCatalog {
  private final KubernetesClient client;
  private final Map<String, List<ApiResource>> byGroupVersion = new ConcurrentHashMap<>();

  public ApiCatalog(KubernetesClient client) {
    this.client = client;
  }

  /** Finds the type of {@code apiVersion}/{@code kind}. */
  public Optional<ApiResource> find(String apiVersion, String kind) {
    Optional<ApiResource> cached = match(byGroupVersion.get(apiVersion), kind);
    if (cached.isPresent()) {
      return cached;
    }
    List<ApiResource> fresh = discover(apiVersion);
    byGroupVersion.put(apiVersion, fresh);
    return match(fresh, kind);
  }

  /** Whether objects of this kind live in a namespace; unknown kinds are assumed namespaced. */
  public boolean isNamespaced(String apiVersion, String kind) {
    return find(apiVersion, kind).map(ApiResource::namespaced).orElse(true);
  }

  private static Optional<ApiResource> match(List<ApiResource> types, String kind) {
    return types == null
        ? Optional.empty()
        : types.stream().filter(r -> r.kind().equals(kind)).findFirst();
  }

  private List<ApiResource> discover(String apiVersion) {
    APIResourceList list;
    try {
      list = client.getApiResources(apiVersion);
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return List.of();
      }
      throw e;
    }
    if (list == null || list.getResources() == null) {
      return List.of();
    }
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = apiVersion.substring(slash + 1);
    return list.getResources().stream()
        .filter(r -> !r.getName().contains("/")) // subresources
        .map(r -> toType(group, version, r))
        .toList();
  }

  private static ApiResource toType(String group, String version, APIResource r) {
    return new ApiResource(
        group,
        version,
        r.getKind(),
        r.getName(),
        Boolean.TRUE.equals(r.getNamespaced()),
        r.getShortNames() == null ? List.of() : r.getShortNames(),
        r.getCategories() == null ? List.of() : r.getCategories());
  }
}
