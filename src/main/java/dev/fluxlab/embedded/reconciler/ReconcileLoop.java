package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.util.DaemonThreads;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Drives the controllers of one cluster: watches their kinds, queues an object when its spec
 * changed, a reconcile was requested, its interval elapsed, or something it depends on (its source,
 * a dependsOn target) changed; runs at most one reconcile per object at a time.
 */
public final class ReconcileLoop implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ReconcileLoop.class.getName());
  private static final int WORKERS = 4;
  private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final Map<ApiResource, Controller> controllers = new ConcurrentHashMap<>();
  private final Map<ApiResource, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final ExecutorService workers;
  private final ScheduledExecutorService timers;
  private final KeyedQueue<ObjectKey> queue;
  private final Map<ObjectKey, ScheduledFuture<?>> timersByKey = new ConcurrentHashMap<>();
  private final DependentsIndex dependents = new DependentsIndex();
  private final List<AutoCloseable> owned = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private final ObjectCache objects;

  public ReconcileLoop(KubernetesClient client, String clusterName) {
    this(client, clusterName, new ObjectCache(client));
  }

  /**
   * @param objects filled with this loop's informer caches when it starts, for the controllers'
   *     reads
   */
  public ReconcileLoop(KubernetesClient client, String clusterName, ObjectCache objects) {
    this.client = client;
    this.objects = objects;
    this.workers =
        Executors.newFixedThreadPool(
            WORKERS, DaemonThreads.numbered("fluxlab-reconcile-" + clusterName));
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.numbered("fluxlab-timer-" + clusterName));
    this.queue = new KeyedQueue<>(workers, this::run);
  }

  public ReconcileLoop register(Controller controller) {
    controllers.put(controller.type(), controller);
    return this;
  }

  /** Something the controllers use that stops with this loop (after its workers). */
  public ReconcileLoop closing(AutoCloseable resource) {
    owned.add(resource);
    return this;
  }

  /** Starts watching; every existing object is reconciled once. */
  public ReconcileLoop start() {
    for (Controller c : controllers.values()) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client
              .genericKubernetesResources(c.type().apiVersion(), c.type().kind())
              .inAnyNamespace()
              .inform(new Handler(c.type()));
      informers.put(c.type(), informer);
      objects.serve(c.type(), informer.getStore());
    }
    return this;
  }

  /** Queues a reconcile of one object now. */
  public void request(ObjectKey key) {
    enqueue(key);
  }

  /** All objects of a type currently known to the informer cache. */
  public List<GenericKubernetesResource> cached(ApiResource type) {
    SharedIndexInformer<GenericKubernetesResource> inf = informers.get(type);
    return inf == null ? List.of() : inf.getStore().list();
  }

  private void enqueue(ObjectKey key) {
    if (closed) {
      return;
    }
    queue.enqueue(key);
  }

  private void schedule(ObjectKey key, Duration after) {
    if (closed || after == null) {
      return;
    }
    ScheduledFuture<?> next =
        timers.schedule(() -> enqueue(key), after.toMillis(), TimeUnit.MILLISECONDS);
    ScheduledFuture<?> previous = timersByKey.put(key, next);
    if (previous != null) {
      previous.cancel(false);
    }
  }

  private void run(ObjectKey key) {
    Duration next = null;
    try {
      GenericKubernetesResource obj = objects.get(key.type(), key.namespace(), key.name());
      // Suspended objects are not reconciled at all, whatever triggered them (Flux's rule for
      // every kind), and are not scheduled again until resumed (a spec change).
      if (obj != null && !Maps.bool(Maps.spec(obj), "suspend")) {
        next = controllers.get(key.type()).reconcile(obj);
      }
    } catch (RuntimeException e) {
      if (closed) {
        return;
      }
      if (deletedMeanwhile(key, e)) {
        // Its status write (or a read of it) found nothing: the delete handler cleans up, and
        // there is nothing to retry (controller-runtime's reconcilers ignore NotFound likewise).
        LOG.fine(() -> key + " was deleted while it was reconciled: " + e.getMessage());
        return;
      }
      LOG.log(Level.WARNING, "reconcile of " + key + " failed: " + e.getMessage(), e);
      next = FAILURE_BACKOFF;
    }
    schedule(key, next);
  }

  /** Whether {@code e} is a NotFound and the API server no longer has the reconciled object. */
  private boolean deletedMeanwhile(ObjectKey key, RuntimeException e) {
    boolean notFound = false;
    for (Throwable t = e; t != null && !notFound; t = t.getCause()) {
      notFound = t instanceof KubernetesClientException k && k.getCode() == 404;
    }
    if (!notFound) {
      return false;
    }
    try {
      return client
              .genericKubernetesResources(key.type().apiVersion(), key.type().kind())
              .inNamespace(key.namespace())
              .withName(key.name())
              .get()
          == null;
    } catch (RuntimeException unknown) {
      return false; // cannot tell: report the failure as it is
    }
  }

  private void deleted(ApiResource type, GenericKubernetesResource lastKnown) {
    ObjectKey key = ObjectKey.of(type, lastKnown);
    ScheduledFuture<?> timer = timersByKey.remove(key);
    if (timer != null) {
      timer.cancel(false);
    }
    workers.execute(
        () -> {
          try {
            controllers.get(type).deleted(lastKnown);
          } catch (RuntimeException e) {
            // The message says it all (typically: the identity it ran as is gone with its
            // namespace).
            LOG.warning("cleanup of deleted " + key + " failed: " + e.getMessage());
          }
        });
  }

  /**
   * Objects whose reconcile depends on {@code changed}: by source reference or dependsOn. A
   * dependsOn target (an object of the dependent's own kind) releases its dependents only when it
   * is Ready or gone: requeueing hundreds of dependents that can only find it not ready (just
   * created, still reconciling) kept the workers busy with them and starved the rest at 800 apps.
   */
  private void enqueueDependents(
      ApiResource changedType, GenericKubernetesResource changed, boolean gone) {
    boolean releases = gone || isReady(changed);
    for (ObjectKey key :
        dependents.of(
            changedType.kind(),
            changed.getMetadata().getNamespace(),
            changed.getMetadata().getName())) {
      if (releases || !key.type().equals(changedType)) {
        enqueue(key);
      }
    }
  }

  private static boolean isReady(GenericKubernetesResource obj) {
    Condition ready =
        Condition.read(Maps.map(obj.getAdditionalProperties(), "status"), Condition.READY);
    return ready != null && ready.isTrue();
  }

  @Override
  public void close() {
    closed = true;
    objects.clear();
    informers.values().forEach(SharedIndexInformer::close);
    informers.clear();
    timers.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (AutoCloseable r : owned) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.warning("cannot stop " + r + ": " + e.getMessage());
      }
    }
    owned.clear();
  }

  /** Decides, per watch event, whether the change is one a Flux controller acts on. */
  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    private final ApiResource type;

    Handler(ApiResource type) {
      this.type = type;
    }

    @Override
    public void onAdd(GenericKubernetesResource obj) {
      dependents.put(ObjectKey.of(type, obj), obj);
      enqueue(ObjectKey.of(type, obj));
      // The first event of an object can arrive after its controller already made it Ready (a
      // busy informer lags); its dependents, which may have waited for it, must look again then
      // too, or they sit out their retryInterval.
      enqueueDependents(type, obj, false);
    }

    @Override
    public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource obj) {
      dependents.put(ObjectKey.of(type, obj), obj);
      if (needsReconcile(obj)) {
        enqueue(ObjectKey.of(type, obj));
      }
      if (outcomeChanged(oldObj, obj)) {
        enqueueDependents(type, obj, false);
      }
    }

    @Override
    public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
      dependents.remove(ObjectKey.of(type, obj));
      deleted(type, obj);
      enqueueDependents(type, obj, true);
    }

    /** Spec changed since the last reconcile, or `flux reconcile` asked for one. */
    private boolean needsReconcile(GenericKubernetesResource obj) {
      Map<String, Object> status = Maps.map(obj.getAdditionalProperties(), "status");
      Object observed = status.get("observedGeneration");
      long generation = StatusWriter.generationOf(obj);
      boolean specChanged = !(observed instanceof Number n) || n.longValue() != generation;
      String requested = Annotations.requestedAt(obj);
      boolean requestedNow =
          requested != null && !requested.equals(status.get("lastHandledReconcileAt"));
      return specChanged || requestedNow;
    }

    /** Readiness or the produced revision changed: dependents should look again. */
    private boolean outcomeChanged(
        GenericKubernetesResource before, GenericKubernetesResource after) {
      return !Objects.equals(outcome(before), outcome(after));
    }

    private List<Object> outcome(GenericKubernetesResource obj) {
      Map<String, Object> status = Maps.map(obj.getAdditionalProperties(), "status");
      Condition ready = Condition.read(status, Condition.READY);
      return java.util.Arrays.asList(
          ready == null ? null : ready.status(),
          Maps.string(status, "artifact", "revision"),
          status.get("lastAppliedRevision"),
          status.get("observedGeneration"));
    }
  }
}
