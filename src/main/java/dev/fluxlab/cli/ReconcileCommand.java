package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.ops.ObjectStatus;
import dev.fluxlab.ops.Waits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "reconcile",
    description =
        "Ask Flux to reconcile an object now (like `flux reconcile`) and wait for the outcome.")
final class ReconcileCommand extends EnvCommand {
  @Mixin ObjectSelector target;

  @Override
  public Integer call() {
    var settings = settings();
    try (Environment env = attach(settings)) {
      FluxKind kind = target.fluxKind();
      int failures = 0;
      for (String cluster : target.clusters(env)) {
        String stamp = env.flux(cluster).requestReconcile(kind, target.namespace, target.name);
        Waits.until(
            "the reconcile of "
                + kind.kind()
                + " "
                + target.namespace
                + "/"
                + target.name
                + " on "
                + cluster,
            settings.readyTimeout(),
            () -> stamp.equals(handledAt(env, cluster, kind)),
            () -> "lastHandledReconcileAt " + handledAt(env, cluster, kind));
        ObjectStatus s =
            ObjectStatus.of(
                cluster, kind, env.flux(cluster).get(kind, target.namespace, target.name));
        out().printf("%s: %s Ready=%s %s%n", cluster, s.id(), s.ready(), s.message());
        failures += s.isReady() ? 0 : 1;
      }
      return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  private String handledAt(Environment env, String cluster, FluxKind kind) {
    var obj = env.flux(cluster).get(kind, target.namespace, target.name);
    Object status = obj == null ? null : obj.getAdditionalProperties().get("status");
    return status instanceof java.util.Map<?, ?> m
        ? String.valueOf(m.get("lastHandledReconcileAt"))
        : null;
  }
}
