package dev.fluxlab.embedded;

import dev.fluxlab.util.DaemonThreads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Plays the part of the workload controllers and kubelets that the embedded cluster does not run:
 * once a Deployment, StatefulSet or DaemonSet is stored, its status reports every replica updated,
 * ready and available for the current generation. Health checks (kstatus) therefore see rolled-out
 * workloads as Current, as they would on a cluster whose pods start.
 *
 * <p>The status writes run on a few threads of their own: an informer hands its events to its
 * handler one at a time, so writing from the handler made every workload of a large apply wait for
 * all the round trips before it (and the reconcile worker waiting on its health with it). Writes to
 * one object may then race; only the one carrying the newest resourceVersion can succeed, and that
 * is the one for the newest generation.
 */
final class WorkloadStatusSimulator implements AutoCloseable {
  private static final List<String> KINDS = List.of("deployments", "statefulsets", "daemonsets");

  /** Status writes in flight per cluster: about what the reconcile workers can wait on. */
  private static final int WRITERS = 4;

  private final KubernetesClient client;
  private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
  private final List<CompletableFuture<Void>> synced = new ArrayList<>();
  private final ExecutorService writers =
      Executors.newFixedThreadPool(WRITERS, DaemonThreads.numbered("fluxlab-workload-status"));

  WorkloadStatusSimulator(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Starts watching and returns at once; {@link #awaitSynced()} waits until the existing workloads
   * were listed (the cluster's other set-up need not wait for that).
   */
  WorkloadStatusSimulator start() {
    for (String plural : KINDS) {
      ResourceDefinitionContext ctx =
          new ResourceDefinitionContext.Builder()
              .withGroup("apps")
              .withVersion("v1")
              .withPlural(plural)
              .withNamespaced(true)
              .build();
      SharedIndexInformer<GenericKubernetesResource> informer =
          client.genericKubernetesResources(ctx).inAnyNamespace().runnableInformer(0);
      informer.addEventHandler(new Handler(ctx));
      informers.add(informer);
      synced.add(informer.start().toCompletableFuture());
    }
    return this;
  }

  /** Waits until every informer listed its kind once. */
  void awaitSynced() {
    CompletableFuture.allOf(synced.toArray(CompletableFuture[]::new)).join();
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
    informers.clear();
    writers.shutdownNow();
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final ResourceDefinitionContext ctx;

    Handler(ResourceDefinitionContext ctx) {
      this.ctx = ctx;
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
      markRolledOut(obj);
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource obj) {
      markRolledOut(obj);
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {}

    @SuppressWarnings("unchecked")
    private void markRolledOut(GenericKubernetesResource obj) {
      Long generation = obj.getMetadata().getGeneration();
      Map<String, Object> status =
          (Map<String, Object>) obj.getAdditionalProperties().get("status");
      Object observed = status == null ? null : status.get("observedGeneration");
      if (observed != null && generation != null && ((Number) observed).longValue() == generation) {
        return;
      }
      Map<String, Object> spec = (Map<String, Object>) obj.getAdditionalProperties().get("spec");
      int replicas = spec != null && spec.get("replicas") instanceof Number n ? n.intValue() : 1;
      Map<String, Object> newStatus = new LinkedHashMap<>();
      newStatus.put("observedGeneration", generation == null ? 1 : generation);
      if (ctx.getPlural().equals("daemonsets")) {
        newStatus.put("currentNumberScheduled", 1);
        newStatus.put("desiredNumberScheduled", 1);
        newStatus.put("numberReady", 1);
        newStatus.put("numberAvailable", 1);
        newStatus.put("updatedNumberScheduled", 1);
      } else {
        newStatus.put("replicas", replicas);
        newStatus.put("updatedReplicas", replicas);
        newStatus.put("readyReplicas", replicas);
        newStatus.put("availableReplicas", replicas);
        if (ctx.getPlural().equals("statefulsets")) {
          newStatus.put("currentReplicas", replicas);
        }
      }
      String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      newStatus.put(
          "conditions",
          List.of(
              Map.of(
                  "type", "Available",
                  "status", "True",
                  "reason", "MinimumReplicasAvailable",
                  "lastTransitionTime", now),
              Map.of(
                  "type", "Progressing",
                  "status", "True",
                  "reason", "NewReplicaSetAvailable",
                  "lastTransitionTime", now)));
      obj.getAdditionalProperties().put("status", newStatus);
      try {
        writers.execute(() -> writeStatus(obj));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Closed: the cluster is going away.
      }
    }

    private void writeStatus(GenericKubernetesResource obj) {
      try {
        client.genericKubernetesResources(ctx).resource(obj).updateStatus();
      } catch (KubernetesClientException e) {
        // A newer version of the object arrives as its own event and is marked then.
      }
    }
  }
}
