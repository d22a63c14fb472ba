package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.embedded.EmbeddedBackend;
import dev.fluxlab.ops.ObjectStatus;
import dev.fluxlab.util.Yaml;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * {@code get}, {@code events} and {@code logs} steps collect on demand.
 */
final class Evidence {
  /** Where Flux's controllers run as pods (kube-node, k3s). */
  private static final String FLUX_NAMESPACE = "flux-system";

  /** How much of each controller's log a failure shows. */
  private static final int LOG_LINES = 20;

  private final Environment env;
  private final ObjectProbe probe;
  private final PodLogs podLogs;

  Evidence(Environment env) {
    this.env = env;
    this.probe = new ObjectProbe(env);
    this.podLogs = PodLogs.of(env);
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
   * The last lines of the log of every pod in flux-system. Where the controllers are no pods, a
   * line says so and where to look instead: on the embedded backend they run inside fluxlab (what
   * they report is in the conditions and events above; a background environment's serve.log has
   * every Ready change), on kube-local as containers beside the cluster.
   */
  private String controllerLogs(String cluster) {
    List<Pod> pods;
    try {
      pods = PodLogs.select(env.client(cluster), FLUX_NAMESPACE, null, null);
    } catch (RuntimeException e) {
      return "Flux's controllers on "
          + cluster
          + ": cannot list their pods: "
          + e.getMessage()
          + "\n";
    }
    if (!pods.isEmpty()) {
      return "Logs of Flux's controllers on "
          + cluster
          + " (pods in "
          + FLUX_NAMESPACE
          + "):\n"
          + podLogs.render(cluster, pods, null, LOG_LINES);
    }
    String head = "Flux's controllers on " + cluster + " run no pods, so there are no pod logs: ";
    if (EmbeddedBackend.ID.equals(env.info().backend())) {
      Path serveLog = env.dir().resolve("serve.log");
      return head
          + "the embedded backend runs them inside fluxlab; what they report is in the conditions"
          + " and events above"
          + (Files.exists(serveLog) ? ", and every Ready change in " + serveLog : "")
          + "\n";
    }
    return head
        + "cluster.provider=kube-local runs them as containers (their logs: the diagnostics'"
        + " containers/)\n";
  }

  /** A {@code logs} step: fails when no pod matches, never because a pod has no log. */
  String collect(String cluster, Action.Logs logs) {
    List<Pod> pods =
        PodLogs.select(env.client(cluster), logs.namespace(), logs.name(), logs.selector());
    if (pods.isEmpty()) {
      String none =
          logs.name() != null
              ? "no pod " + logs.namespace() + "/" + logs.name() + " on " + cluster
              : "no pod in "
                  + logs.namespace()
                  + " on "
                  + cluster
                  + (logs.selector() != null ? " matches " + logs.selector() : "");
      throw new FluxLabException(
          EmbeddedBackend.ID.equals(env.info().backend())
              ? none
                  + " (the embedded backend runs no workload controllers: Deployments,"
                  + " StatefulSets and Jobs make no pods there)"
              : none);
    }
    return podLogs.render(cluster, pods, logs.container(), logs.tail());
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
