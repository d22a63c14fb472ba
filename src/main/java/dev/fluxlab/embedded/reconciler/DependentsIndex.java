package dev.fluxlab.embedded.reconciler;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which objects refer to which, kept up to date from the watch events, so that finding the
 * dependents of a changed object costs the number of dependents, not the number of objects. An
 * object refers to its source ({@code sourceRef}, or {@code chart.spec.sourceRef}; the namespace
 * defaults to its own) and to every {@code dependsOn} entry, which names an object of its own kind.
 */
final class DependentsIndex {
  /** The object referred to: kind (as written in references), namespace, name. */
  record Target(String kind, String namespace, String name) {}

  private final Map<Target, Set<ObjectKey>> dependents = new ConcurrentHashMap<>();
  private final Map<ObjectKey, Set<Target>> targetsOf = new ConcurrentHashMap<>();

  /** Records (or updates) what {@code obj} refers to. */
  synchronized void put(ObjectKey key, GenericKubernetesResource obj) {
    remove(key);
    Set<Target> targets = targets(obj);
    targetsOf.put(key, targets);
    for (Target t : targets) {
      dependents.computeIfAbsent(t, x -> ConcurrentHashMap.newKeySet()).add(key);
    }
  }

  synchronized void remove(ObjectKey key) {
    Set<Target> old = targetsOf.remove(key);
    if (old == null) {
      return;
    }
    for (Target t : old) {
      Set<ObjectKey> s = dependents.get(t);
      if (s != null) {
        s.remove(key);
        if (s.isEmpty()) {
          dependents.remove(t);
        }
      }
    }
  }

  /** The objects that refer to {@code kind}/{@code namespace}/{@code name}. */
  List<ObjectKey> of(String kind, String namespace, String name) {
    Set<ObjectKey> s = dependents.get(new Target(kind, namespace, name));
    return s == null ? List.of() : List.copyOf(s);
  }

  private static Set<Target> targets(GenericKubernetesResource obj) {
    String ns = obj.getMetadata().getNamespace();
    Set<Target> targets = new HashSet<>();
    Map<String, Object> src = References.sourceRef(obj);
    String srcKind = Maps.string(src, "kind");
    String srcName = Maps.string(src, "name");
    if (srcKind != null && srcName != null) {
      targets.add(new Target(srcKind, Maps.stringOr(src, ns, "namespace"), srcName));
    }
    for (Object dep : Maps.list(Maps.spec(obj), "dependsOn")) {
      String name = Maps.string(dep, "name");
      if (name != null) {
        targets.add(new Target(obj.getKind(), Maps.stringOr(dep, ns, "namespace"), name));
      }
    }
    return targets;
  }
}
