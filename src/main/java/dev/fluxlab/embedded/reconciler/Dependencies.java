package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Flux's {@code dependsOn} rule for Kustomizations and HelmReleases: every dependency must exist,
 * be Ready for its current generation and, when it reads the same source, have applied that
 * source's latest revision. A cycle never resolves (as in Flux); the message names it.
 */
public final class Dependencies {
  private final ObjectCache objects;
  private final ApiResource type;

  /** Reading every dependency from the API server. */
  public Dependencies(KubernetesClient client, ApiResource type) {
    this(new ObjectCache(client), type);
  }

  /** Reading the dependencies through {@code objects} (the loop's cache). */
  public Dependencies(ObjectCache objects, ApiResource type) {
    this.objects = objects;
    this.type = type;
  }

  /** Why {@code obj} must wait, or null when all its dependencies are ready. */
  public String notReadyReason(GenericKubernetesResource obj, String sourceRevision) {
    String ns = obj.getMetadata().getNamespace();
    for (Object dep : Maps.list(Maps.spec(obj), "dependsOn")) {
      String depName = Maps.string(dep, "name");
      String depNs = Maps.stringOr(dep, ns, "namespace");
      GenericKubernetesResource d = get(depNs, depName);
      if (d == null) {
        return "unable to get '"
            + depNs
            + "/"
            + depName
            + "' dependency: "
            + type.plural()
            + "."
            + type.group()
            + " \""
            + depName
            + "\" not found";
      }
      var status = Maps.map(d.getAdditionalProperties(), "status");
      Condition ready = Condition.read(status, Condition.READY);
      Object observed = status.get("observedGeneration");
      boolean current =
          observed instanceof Number n && n.longValue() == StatusWriter.generationOf(d);
      if (ready == null || !ready.isTrue() || !current) {
        String cycle = cycleThrough(obj);
        return "dependency '"
            + depNs
            + "/"
            + depName
            + "' is not ready"
            + (cycle == null ? "" : " (circular dependency: " + cycle + ")");
      }
      if (sourceRevision != null
          && sameSource(obj, d)
          && !sourceRevision.equals(status.get("lastAppliedRevision"))) {
        return "dependency '" + depNs + "/" + depName + "' revision is not up to date";
      }
    }
    return null;
  }

  private GenericKubernetesResource get(String ns, String name) {
    return objects.get(type, ns, name);
  }

  private static boolean sameSource(GenericKubernetesResource a, GenericKubernetesResource b) {
    var ra = References.sourceRef(a);
    var rb = References.sourceRef(b);
    return Objects.equals(ra.get("kind"), rb.get("kind"))
        && Objects.equals(ra.get("name"), rb.get("name"))
        && Objects.equals(
            Maps.stringOr(ra, a.getMetadata().getNamespace(), "namespace"),
            Maps.stringOr(rb, b.getMetadata().getNamespace(), "namespace"));
  }

  /** "a -> b -> a" when following dependsOn from {@code start} leads back to it, else null. */
  private String cycleThrough(GenericKubernetesResource start) {
    String startId = start.getMetadata().getNamespace() + "/" + start.getMetadata().getName();
    List<String> path = new ArrayList<>();
    path.add(startId);
    return search(start, startId, path, new HashSet<>());
  }

  private String search(
      GenericKubernetesResource current, String startId, List<String> path, Set<String> seen) {
    String ns = current.getMetadata().getNamespace();
    for (Object dep : Maps.list(Maps.spec(current), "dependsOn")) {
      String id = Maps.stringOr(dep, ns, "namespace") + "/" + Maps.string(dep, "name");
      if (id.equals(startId)) {
        path.add(id);
        return String.join(" -> ", path);
      }
      if (!seen.add(id)) {
        continue;
      }
      String[] parts = id.split("/", 2);
      GenericKubernetesResource next = get(parts[0], parts[1]);
      if (next != null) {
        path.add(id);
        String found = search(next, startId, path, seen);
        if (found != null) {
          return found;
        }
        path.remove(path.size() - 1);
      }
    }
    return null;
  }
}
