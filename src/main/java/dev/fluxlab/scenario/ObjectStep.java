package dev.fluxlab.scenario;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.ops.Waits;
import dev.fluxlab.util.Conflicts;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.Map;

/**
 * Runs the steps that act on one live object the way a person with kubectl or the flux CLI would:
 * {@code reconcile} (and wait until it was handled), {@code suspend}/{@code resume}, {@code change}
 * of one field, {@code delete}.
 */
final class ObjectStep {
  private final Environment env;
  private final ObjectProbe probe;

  ObjectStep(Environment env, ObjectProbe probe) {
    this.env = env;
    this.probe = probe;
  }

  void delete(String cluster, ObjectRef target) {
    if (probe.get(cluster, target) == null) {
      throw new FluxLabException(target + " does not exist on " + cluster);
    }
    probe.resource(cluster, target).delete();
  }

  void suspend(String cluster, Action.Suspend s) {
    env.flux(cluster)
        .setSuspended(fluxKind(s.target()), s.target().namespace(), s.target().name(), s.suspend());
  }

  void reconcile(String cluster, ObjectRef target, Duration timeout) {
    FluxKind kind = fluxKind(target);
    String stamp = env.flux(cluster).requestReconcile(kind, target.namespace(), target.name());
    Waits.until(
        "the reconcile of " + target + " on " + cluster,
        timeout,
        () -> stamp.equals(lastHandled(probe.get(cluster, target))),
        () -> "lastHandledReconcileAt " + lastHandled(probe.get(cluster, target)));
  }

  private static String lastHandled(GenericKubernetesResource obj) {
    Object status = obj == null ? null : obj.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> m ? String.valueOf(m.get("lastHandledReconcileAt")) : null;
  }

  void change(String cluster, Action.ChangeObject change) {
    Conflicts.retry(() -> changeOnce(cluster, change));
  }

  @SuppressWarnings("unchecked")
  private void changeOnce(String cluster, Action.ChangeObject change) {
    GenericKubernetesResource obj = probe.get(cluster, change.target());
    if (obj == null) {
      throw new FluxLabException(change.target() + " does not exist on " + cluster);
    }
    var serialization = env.client(cluster).getKubernetesSerialization();
    Map<String, Object> map = serialization.convertValue(obj, Map.class);
    FieldPath.write(map, change.path(), change.value());
    GenericKubernetesResource updated =
        serialization.convertValue(map, GenericKubernetesResource.class);
    env.client(cluster)
        .genericKubernetesResources(
            change.target().resolvedApiVersion(), change.target().resolvedKind())
        .resource(updated)
        .update();
  }

  private static FluxKind fluxKind(ObjectRef ref) {
    return ref.fluxKind()
        .orElseThrow(
            () ->
                new FluxLabException(
                    ref.kind()
                        + " is not a Flux kind ("
                        + String.join(", ", FluxKind.names())
                        + ")"));
  }
}
