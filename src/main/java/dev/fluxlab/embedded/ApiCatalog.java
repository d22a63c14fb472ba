package dev.fluxlab.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The resource types one embedded cluster serves: the built-in ones plus every registered
 * CustomResourceDefinition. Discovery documents and the reconciler's scope decisions read it.
 */
public final class ApiCatalog {
  private final List<ApiResource> builtIn = BuiltInResources.all();
  private final List<ApiResource> custom = new CopyOnWriteArrayList<>();

  /** Adds or replaces a custom resource type (keyed by group and plural). */
  public void register(ApiResource r) {
    custom.removeIf(c -> c.group().equals(r.group()) && c.plural().equals(r.plural()));
    custom.add(r);
  }

  public void unregister(String group, String plural) {
    custom.removeIf(c -> c.group().equals(group) && c.plural().equals(plural));
  }

  public List<ApiResource> all() {
    List<ApiResource> all = new ArrayList<>(builtIn);
    all.addAll(custom);
    return all;
  }

  /** Finds the type of {@code apiVersion}/{@code kind}. */
  public Optional<ApiResource> find(String apiVersion, String kind) {
    return all().stream()
        .filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind))
        .findFirst();
  }

  /** Whether objects of this kind live in a namespace; unknown kinds are assumed namespaced. */
  public boolean isNamespaced(String apiVersion, String kind) {
    return find(apiVersion, kind).map(ApiResource::namespaced).orElse(true);
  }
}
