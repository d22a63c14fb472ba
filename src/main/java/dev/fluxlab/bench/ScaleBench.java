package dev.fluxlab.bench;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxKind;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Waits;
import dev.fluxlab.util.Conflicts;
import dev.fluxlab.util.Files2;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One run of the scale benchmark on a fresh environment: deploy a generated fleet to all Ready, a
 * release that changes every app, and the correction of drift in one app. Prints nothing itself;
 * the caller gets the numbers.
 */
public final class ScaleBench {
  private static final String DRIFT_APP = ScaleRepository.appName(1);

  /**
   * How often the release wait lists every Kustomization: each list is real work for the API server
   * (the embedded one scans every object it holds), so polling faster would slow what it measures.
   */
  private static final Duration RELEASE_POLL = Duration.ofMillis(200);

  /**
   * Wall times of one run, and the CPU time this process spent in each (on a shared machine the CPU
   * time is the steadier number); heap and RSS are the process's peaks so far.
   */
  public record Result(
      Duration deploy,
      Duration release,
      Duration drift,
      Duration deployCpu,
      Duration releaseCpu,
      Duration driftCpu,
      long peakHeapBytes,
      long peakRssBytes,
      long deployRequests,
      long releaseRequests) {}

  private final Settings settings;
  private final Backend backend;
  private final int apps;
  private final Consumer<String> progress;

  public ScaleBench(Settings settings, Backend backend, int apps, Consumer<String> progress) {
    this.settings = settings;
    this.backend = backend;
    this.apps = apps;
    this.progress = progress;
  }

  public Result run(MemoryWatch memory) {
    Path repoDir = settings.envDir().resolveSibling(settings.envName() + "-repo");
    try {
      ScaleRepository repo = ScaleRepository.generate(repoDir, apps, settings.clusters());
      long t0 = System.nanoTime();
      Duration cpu0 = cpu();
      try (Environment env = new Deployer(backend, settings, repo.plan(), progress).deploy()) {
        Duration deploy = since(t0);
        Duration cpu1 = cpu();
        Map<String, Long> deployed = requests(env);
        Duration release = release(env, repo);
        Duration cpu2 = cpu();
        Map<String, Long> released = ApiRequests.since(deployed, requests(env));
        Duration drift = drift(env);
        Duration cpu3 = cpu();
        return new Result(
            deploy,
            release,
            drift,
            cpu1.minus(cpu0),
            cpu2.minus(cpu1),
            cpu3.minus(cpu2),
            memory.peakLiveHeap(),
            memory.peakRss(),
            ApiRequests.total(deployed),
            ApiRequests.total(released));
      }
    } finally {
      Files2.deleteRecursively(repoDir);
    }
  }

  /**
   * Commits release 2 of every app; waits until every app Kustomization applied it and is Ready.
   */
  private Duration release(Environment env, ScaleRepository repo) {
    long start = System.nanoTime();
    String revision;
    try (GitWorkspace ws = env.checkout(SeedPlan.FLEET_REPOSITORY)) {
      repo.writeRelease(ws.dir(), 2);
      revision = ws.commitAndPush("Release 2 of every app");
    }
    for (String cluster : env.clusters()) {
      String sha = revision;
      try {
        await()
            .atMost(settings.readyTimeout())
            .pollDelay(Duration.ZERO)
            .pollInterval(RELEASE_POLL)
            .until(() -> notApplied(env, cluster, sha) == 0);
      } catch (ConditionTimeoutException e) {
        throw new FluxLabException(
            "timed out waiting for every app Kustomization on "
                + cluster
                + " to apply "
                + sha
                + ": "
                + notApplied(env, cluster, sha)
                + " of "
                + apps
                + " have not");
      }
    }
    return since(start);
  }

  private long notApplied(Environment env, String cluster, String sha) {
    return env.flux(cluster).list(FluxKind.KUSTOMIZATION).stream()
        .filter(k -> k.getMetadata().getName().startsWith("app-"))
        .filter(k -> !(appliedRevision(k).endsWith(sha) && ready(k)))
        .count();
  }

  /** Scales one app's Deployment to 0 on every cluster, asks Flux to reconcile, waits for 1. */
  private Duration drift(Environment env) {
    long start = System.nanoTime();
    for (String cluster : env.clusters()) {
      var deployment =
          env.client(cluster)
              .apps()
              .deployments()
              .inNamespace(ScaleRepository.NAMESPACE)
              .withName(DRIFT_APP);
      Conflicts.retry(
          () ->
              deployment.edit(
                  d -> {
                    d.getSpec().setReplicas(0);
                    return d;
                  }));
      env.flux(cluster).requestReconcile(FluxKind.KUSTOMIZATION, "flux-system", DRIFT_APP);
    }
    for (String cluster : env.clusters()) {
      var deployment =
          env.client(cluster)
              .apps()
              .deployments()
              .inNamespace(ScaleRepository.NAMESPACE)
              .withName(DRIFT_APP);
      Waits.until(
          "Flux to restore Deployment " + DRIFT_APP + " on " + cluster,
          settings.readyTimeout(),
          () -> Objects.equals(deployment.get().getSpec().getReplicas(), 1),
          () -> "replicas " + deployment.get().getSpec().getReplicas());
    }
    return since(start);
  }

  private static String appliedRevision(GenericKubernetesResource k) {
    Object status = k.getAdditionalProperties().get("status");
    Object rev = status instanceof Map<?, ?> m ? m.get("lastAppliedRevision") : null;
    return rev == null ? "" : rev.toString();
  }

  private static boolean ready(GenericKubernetesResource k) {
    Object status = k.getAdditionalProperties().get("status");
    Object conditions = status instanceof Map<?, ?> m ? m.get("conditions") : null;
    if (!(conditions instanceof List<?> list)) {
      return false;
    }
    return list.stream()
        .anyMatch(
            c ->
                c instanceof Map<?, ?> cm
                    && "Ready".equals(cm.get("type"))
                    && "True".equals(cm.get("status")));
  }

  /**
   * API requests served so far, summed over the clusters, by verb and resource; the largest groups
   * go to the progress output, which is where a change that saves requests shows first.
   */
  private Map<String, Long> requests(Environment env) {
    Map<String, Long> sum = new TreeMap<>();
    for (String cluster : env.clusters()) {
      ApiRequests.byVerbAndResource(env.client(cluster))
          .forEach((k, v) -> sum.merge(k, v, Long::sum));
    }
    progress.accept(
        "API requests so far: "
            + ApiRequests.total(sum)
            + " ("
            + sum.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(8)
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "))
            + ")");
    return sum;
  }

  /** CPU time of this JVM so far (every thread, the embedded API servers included). */
  private static Duration cpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
