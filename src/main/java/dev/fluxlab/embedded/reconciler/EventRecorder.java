package dev.fluxlab.embedded.reconciler;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Records Kubernetes Events for reconcile outcomes, as Flux controllers do. A repeat of the last
 * message for the same object is not recorded again (Flux's event recorder deduplicates too), so an
 * idle environment does not fill the API server with identical events.
 */
public final class EventRecorder {
  private final KubernetesClient client;
  private final Map<String, String> lastMessage = new ConcurrentHashMap<>();

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void normal(GenericKubernetesResource obj, String component, String reason, String msg) {
    record(obj, component, "Normal", reason, msg);
  }

  public void warning(GenericKubernetesResource obj, String component, String reason, String msg) {
    record(obj, component, "Warning", reason, msg);
  }

  private void record(
      GenericKubernetesResource obj, String component, String type, String reason, String msg) {
    var meta = obj.getMetadata();
    String key = obj.getKind() + "/" + meta.getNamespace() + "/" + meta.getName();
    if ((type + reason + msg).equals(lastMessage.put(key, type + reason + msg))) {
      return;
    }
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    var event =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                meta.getName()
                    + "."
                    + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()))
            .withNamespace(meta.getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(obj.getApiVersion())
                    .withKind(obj.getKind())
                    .withName(meta.getName())
                    .withNamespace(meta.getNamespace())
                    .withUid(meta.getUid())
                    .withResourceVersion(meta.getResourceVersion())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(msg)
            .withCount(1)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withNewSource()
            .withComponent(component)
            .endSource()
            .withReportingComponent(component)
            .withReportingInstance(component)
            .build();
    try {
      client.v1().events().inNamespace(meta.getNamespace()).resource(event).create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy: a reconcile outcome is already in the object's status.
    }
  }

  /** Forgets an object's last event (it was deleted). */
  public void forget(GenericKubernetesResource obj) {
    lastMessage.remove(
        obj.getKind() + "/" + obj.getMetadata().getNamespace() + "/" + obj.getMetadata().getName());
  }
}
