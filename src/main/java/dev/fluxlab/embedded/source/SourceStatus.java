package dev.fluxlab.embedded.source;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.reconciler.ClusterContext;
import dev.fluxlab.embedded.reconciler.Condition;
import dev.fluxlab.embedded.reconciler.StatusWriter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The status source-controller writes for every source kind: the artifact with Ready and
 * ArtifactInStorage on success; Ready=False and FetchFailed (plus a Warning event) on failure.
 */
public final class SourceStatus {
  private final ClusterContext ctx;
  private final ApiResource type;
  private final String component;

  public SourceStatus(ClusterContext ctx, ApiResource type, String component) {
    this.ctx = ctx;
    this.type = type;
    this.component = component;
  }

  /**
   * Records a stored artifact; {@code extra} adds kind-specific fields (e.g. HelmRepository's url).
   */
  public void stored(
      GenericKubernetesResource obj,
      Artifact artifact,
      String message,
      Consumer<Map<String, Object>> extra) {
    ctx.status()
        .update(
            type,
            obj,
            status -> {
              long gen = StatusWriter.generationOf(obj);
              status.put("artifact", artifact.toStatus());
              extra.accept(status);
              Condition.ready("Succeeded", message).writeTo(status, gen);
              new Condition("ArtifactInStorage", "True", "Succeeded", message).writeTo(status, gen);
              Condition.remove(status, "FetchFailed");
            });
  }

  public void fetchFailed(GenericKubernetesResource obj, String reason, String message) {
    ctx.status()
        .update(
            type,
            obj,
            status -> {
              long gen = StatusWriter.generationOf(obj);
              Condition.notReady(reason, message).writeTo(status, gen);
              new Condition("FetchFailed", "True", reason, message).writeTo(status, gen);
            });
    ctx.events().warning(obj, component, reason, message);
  }
}
