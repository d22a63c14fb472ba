package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.ops.ObjectStatus;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Collectors: what a failed scenario shows before cleanup. By default the Flux objects with their
 * Ready condition, the events of the objects involved (the failed step's target and every Flux
 * object that is not Ready) and, where Flux's controllers run as pods, the end of their logs;
 * {@code get} and {@code events} steps collect on demand.
 */
final class Evidence {
  /** Where Flux's controllers run as pods (kube-node, k3s). */
  private static final String FLUX_NAMESPACE = "flux-system";

  /** How much of each controller's log a failure shows. */
  private static final int LOG_LINES = 20;

  private final Environment env;
  private final ObjectProbe probe;

  Evidence(Environment env) {
    this.env = env;
    this.probe = new ObjectProbe(env);
  }

  /** The default collectors after {@code failed} failed. */
  String onFailure(Step failed) {
    StringBuilder out = new StringBuilder();
    for (String cluster : env.clusters()) {
      Set<ObjectRef> involved = new LinkedHashSet<>();
      ObjectRef target = targetOf(failed.action());
      if (target != null && target.namespace() != null && target.name() != null) {
        involved.add(target);
      }
      out.append("Flux objects on ").append(cluster).append(":\n");
      for (FluxKind kind : FluxKind.values()) {
        List<GenericKubernetesResource> objects;
        try {
          objects = env.flux(cluster).list(kind);
        } catch (RuntimeException e) {
          out.append("  ").append(kind.kind()).append(": cannot list: ").append(e.getMessage());
          out.append('\n');
          continue;
        }
        for (GenericKubernetesResource obj : objects) {
          ObjectStatus s = ObjectStatus.of(cluster, kind, obj);
          out.append(
              String.format(
                  "  %s Ready=%s %s: %s%s%n",
                  s.id(),
                  s.ready(),
                  s.reason(),
                  s.message(),
                  s.revision().isEmpty() ? "" : " (revision " + s.revision() + ")"));
          if (!s.isReady()) {
            involved.add(new ObjectRef(null, kind.kind(), s.namespace(), s.name()));
          }
        }
      }
      for (ObjectRef ref : involved) {
        out.append(events(cluster, ref.namespace(), ref.name(), ref.toString()));
      }
      out.append(controllerLogs(cluster));
    }
    return out.toString();
  }

  /**
   * The last lines of every running pod's log in flux-system: nothing where the controllers do not
   * run as pods (embedded; kube-local, whose container logs go to the diagnostics instead).
   */
  private String controllerLogs(String cluster) {
    StringBuilder out = new StringBuilder();
    var pods = env.client(cluster).pods().inNamespace(FLUX_NAMESPACE);
    for (Pod pod : pods.list().getItems()) {
      if (!"Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase())) {
        continue;
      }
      String name = pod.getMetadata().getName();
      out.append("Log of pod ")
          .append(FLUX_NAMESPACE)
          .append('/')
          .append(name)
          .append(" on ")
          .append(cluster)
          .append(" (last ")
          .append(LOG_LINES)
          .append(" lines):\n");
      try {
        String log = pods.withName(name).tailingLines(LOG_LINES).getLog();
        log.lines().forEach(l -> out.append("  ").append(l).append('\n'));
      } catch (RuntimeException e) {
        out.append("  cannot read it: ").append(e.getMessage()).append('\n');
      }
    }
    return out.toString();
  }

  /** A {@code get} or {@code events} step. */
  String collect(String cluster, Action.Collect collect) {
    ObjectRef t = collect.target();
    if (collect.events()) {
      return events(cluster, t.namespace(), t.name(), t.toString());
    }
    List<GenericKubernetesResource> found = probe.find(cluster, t);
    if (found.isEmpty()) {
      throw new FluxLabException(
          "no " + t + " on " + cluster + (t.selector() != null ? " matches" : ""));
    }
    StringBuilder out = new StringBuilder();
    var serialization = env.client(cluster).getKubernetesSerialization();
    for (GenericKubernetesResource obj : found) {
      out.append("--- ").append(t.resolvedKind()).append(" on ").append(cluster).append('\n');
      out.append(Yaml.write(serialization.convertValue(obj, Map.class)));
    }
    return out.toString();
  }

  private String events(String cluster, String namespace, String name, String what) {
    List<Event> events =
        new ArrayList<>(env.client(cluster).v1().events().inNamespace(namespace).list().getItems());
    events.removeIf(e -> name != null && !name.equals(e.getInvolvedObject().getName()));
    events.sort(Comparator.comparing(e -> Objects.toString(e.getLastTimestamp(), "")));
    StringBuilder out = new StringBuilder("Events of " + what + " on " + cluster + ":");
    if (events.isEmpty()) {
      return out.append(" none\n").toString();
    }
    out.append('\n');
    for (Event e : events) {
      out.append(
          String.format(
              "  %s %s %s %s/%s: %s%n",
              Objects.toString(e.getLastTimestamp(), "-"),
              e.getType(),
              e.getReason(),
              e.getInvolvedObject().getKind(),
              e.getInvolvedObject().getName(),
              String.valueOf(e.getMessage()).replace('\n', ' ')));
    }
    return out.toString();
  }

  private static ObjectRef targetOf(Action a) {
    if (a instanceof Action.Check c) {
      return c.target();
    }
    if (a instanceof Action.Reconcile r) {
      return r.target();
    }
    if (a instanceof Action.ChangeObject c) {
      return c.target();
    }
    if (a instanceof Action.DeleteObject d) {
      return d.target();
    }
    if (a instanceof Action.Patch p) {
      return p.target();
    }
    if (a instanceof Action.Suspend s) {
      return s.target();
    }
    return null;
  }
}
