package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Writes an object's status through the status subresource, re-reading and retrying when someone
 * else changed the object in between (HTTP 409), so a status never overwrites a newer spec.
 *
 * <p>The first attempt starts from the informer's copy (as controller-runtime's status patch does
 * from its cache): a read per write was nearly a tenth of a fleet's requests. A copy that lags
 * behind is harmless: its resourceVersion is then stale, the API server refuses the write with a
 * 409, and the retry starts from a fresh read.
 */
public final class StatusWriter {
  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;
  private final ObjectCache objects;

  /** Reads every object from the API server (no informer cache). */
  public StatusWriter(KubernetesClient client) {
    this(client, new ObjectCache(client));
  }

  public StatusWriter(KubernetesClient client, ObjectCache objects) {
    this.client = client;
    this.objects = objects;
  }

  /**
   * Applies {@code change} to the latest stored status of {@code obj} and writes it back. Also
   * records {@code observedGeneration} and, when a reconcile was requested, {@code
   * lastHandledReconcileAt} from the version of the object that was reconciled.
   */
  public void update(
      ApiResource type,
      GenericKubernetesResource reconciled,
      Consumer<Map<String, Object>> change) {
    long generation = generationOf(reconciled);
    String requestedAt = Annotations.requestedAt(reconciled);
    writeLatest(
        type,
        reconciled,
        latest -> {
          Map<String, Object> status = Maps.mutableStatus(latest);
          change.accept(status);
          status.put("observedGeneration", generation);
          if (requestedAt != null) {
            status.put("lastHandledReconcileAt", requestedAt);
          }
          return true;
        });
  }

  /**
   * Empties the status of {@code obj} (no conditions, no {@code observedGeneration}), as
   * source-controller leaves the static objects it does not reconcile; no write when it is empty.
   */
  public void clear(ApiResource type, GenericKubernetesResource obj) {
    writeLatest(
        type,
        obj,
        latest -> {
          if (Maps.map(latest.getAdditionalProperties(), "status").isEmpty()) {
            return false;
          }
          latest.getAdditionalProperties().put("status", new java.util.LinkedHashMap<>());
          return true;
        });
  }

  /**
   * Reads the latest version of {@code obj}, lets {@code edit} change its status (false: nothing to
   * write) and writes the status back, again from a fresh read when someone else changed the object
   * in between (409). Nothing happens when the object was deleted meanwhile.
   */
  private void writeLatest(
      ApiResource type, GenericKubernetesResource obj, Predicate<GenericKubernetesResource> edit) {
    String namespace = obj.getMetadata().getNamespace();
    String name = obj.getMetadata().getName();
    for (int attempt = 1; ; attempt++) {
      GenericKubernetesResource latest =
          attempt == 1
              ? objects.get(type, namespace, name)
              : client
                  .genericKubernetesResources(type.apiVersion(), type.kind())
                  .inNamespace(namespace)
                  .withName(name)
                  .get();
      if (latest == null) {
        return;
      }
      if (!edit.test(latest)) {
        if (attempt == 1) {
          continue; // "nothing to write" is decided on a fresh read, never on a lagging copy
        }
        return;
      }
      try {
        client
            .genericKubernetesResources(type.apiVersion(), type.kind())
            .resource(latest)
            .updateStatus();
        return;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  public static long generationOf(GenericKubernetesResource obj) {
    Long g = obj.getMetadata().getGeneration();
    return g == null ? 1 : g;
  }

  /** An RFC 3339 timestamp for status fields. */
  public static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }
}
