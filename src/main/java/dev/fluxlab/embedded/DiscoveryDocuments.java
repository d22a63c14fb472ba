package dev.fluxlab.embedded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The discovery documents kubectl reads before anything else ({@code /api}, {@code /api/v1}, {@code
 * /apis}, {@code /apis/<group>/<version>}), computed from an {@link ApiCatalog} on each request so
 * that CRDs registered later show up. fabric8's mock server serves none of these.
 */
final class DiscoveryDocuments {
  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  private final ApiCatalog catalog;

  DiscoveryDocuments(ApiCatalog catalog) {
    this.catalog = catalog;
  }

  Map<String, Object> coreVersions() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIVersions");
    doc.put("versions", List.of("v1"));
    doc.put(
        "serverAddressByClientCIDRs",
        List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", "127.0.0.1")));
    return doc;
  }

  Map<String, Object> groups() {
    Map<String, Set<String>> versionsByGroup = new LinkedHashMap<>();
    for (ApiResource r : catalog.all()) {
      if (!r.group().isEmpty()) {
        versionsByGroup.computeIfAbsent(r.group(), g -> new LinkedHashSet<>()).add(r.version());
      }
    }
    List<Object> groups = new ArrayList<>();
    versionsByGroup.forEach(
        (group, versions) -> {
          List<Object> vs = new ArrayList<>();
          for (String v : versions) {
            vs.add(Map.of("groupVersion", group + "/" + v, "version", v));
          }
          groups.add(Map.of("name", group, "versions", vs, "preferredVersion", vs.get(0)));
        });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    doc.put("groups", groups);
    return doc;
  }

  /** The resource list of one group version ("v1" for core), or null when none is served. */
  Map<String, Object> resources(String groupVersion) {
    List<Object> resources = new ArrayList<>();
    for (ApiResource r : catalog.all()) {
      if (!r.apiVersion().equals(groupVersion)) {
        continue;
      }
      Map<String, Object> res = new LinkedHashMap<>();
      res.put("name", r.plural());
      res.put("singularName", r.singular());
      res.put("namespaced", r.namespaced());
      res.put("kind", r.kind());
      res.put("verbs", VERBS);
      if (!r.shortNames().isEmpty()) {
        res.put("shortNames", r.shortNames());
      }
      if (!r.categories().isEmpty()) {
        res.put("categories", r.categories());
      }
      resources.add(res);
      if (hasStatus(r)) {
        resources.add(
            Map.of(
                "name",
                r.plural() + "/status",
                "singularName",
                "",
                "namespaced",
                r.namespaced(),
                "kind",
                r.kind(),
                "verbs",
                List.of("get", "patch", "update")));
      }
    }
    if (resources.isEmpty()) {
      return null;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", groupVersion);
    doc.put("resources", resources);
    return doc;
  }

  private static boolean hasStatus(ApiResource r) {
    return !r.kind().equals("ConfigMap")
        && !r.kind().equals("Secret")
        && !r.kind().equals("ServiceAccount")
        && !r.kind().equals("Event")
        && !r.group().equals("rbac.authorization.k8s.io");
  }
}
