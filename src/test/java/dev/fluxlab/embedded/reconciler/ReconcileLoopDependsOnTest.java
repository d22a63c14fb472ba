package dev.fluxlab.embedded.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.EmbeddedCluster;
import dev.fluxlab.embedded.EmbeddedFlux;
import dev.fluxlab.embedded.FluxCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the loop wakes a Kustomization that waits for its dependsOn: once when the dependency becomes
 * Ready, not for every change before that (at 800 apps, waking every dependent when the dependency
 * was merely created kept the workers busy with reconciles that could only find it not ready, and
 * the fleet did not get Ready within minutes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileLoopDependsOnTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final ApiResource TYPE = FluxCrds.KUSTOMIZATION;
  private static final String NS = "flux-system";

  private EmbeddedCluster cluster;
  private KubernetesClient client;
  private ReconcileLoop loop;
  private ObjectCache objects;
  private final CountDownLatch infraMayFinish = new CountDownLatch(1);
  private final CountDownLatch infraStarted = new CountDownLatch(1);

  /** What the dependent found each time it was reconciled: "missing", "not ready" or "ready". */
  private final List<String> appSaw = new CopyOnWriteArrayList<>();

  @BeforeAll
  void start(@TempDir Path tmp) {
    cluster = EmbeddedCluster.start("depends-test", tmp.resolve("kube"));
    client = cluster.client();
    EmbeddedFlux.install(cluster, null);
    objects = new ObjectCache(client);
    loop = new ReconcileLoop(client, "depends-test", objects).register(new Recording()).start();
  }

  @AfterAll
  void stop() {
    infraMayFinish.countDown();
    if (loop != null) {
      loop.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aDependentWaitsQuietlyUntilItsDependencyIsReadyThenRunsAtOnce() throws Exception {
    create(kustomization("app", List.of(Map.of("name", "infra"))));
    await().atMost(TIMEOUT).until(() -> appSaw.contains("missing"));

    create(kustomization("infra", List.of()));
    assertThat(infraStarted.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    // infra exists but is still reconciling: app has nothing to look at yet.
    await()
        .during(QUIET)
        .atMost(QUIET.plus(TIMEOUT))
        .untilAsserted(() -> assertThat(appSaw).containsExactly("missing"));

    infraMayFinish.countDown();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(() -> assertThat(appSaw).containsExactly("missing", "ready"));
  }

  @Test
  void readsComeFromTheLoopsCacheAsCopiesAndMissesFromTheApiServer() {
    create(kustomization("cached", List.of()));
    await()
        .atMost(TIMEOUT)
        .until(() -> loop.cached(TYPE).stream().anyMatch(o -> isNamed(o, "cached")));

    GenericKubernetesResource first = objects.get(TYPE, NS, "cached");
    Maps.spec(first).put("path", "./edited-by-a-reconcile");
    assertThat(Maps.string(Maps.spec(objects.get(TYPE, NS, "cached")), "path"))
        .isEqualTo("./cached");
    assertThat(
            loop.cached(TYPE).stream()
                .filter(o -> isNamed(o, "cached"))
                .map(o -> Maps.string(Maps.spec(o), "path")))
        .containsExactly("./cached");

    assertThat(objects.get(TYPE, NS, "never-created")).isNull();
    assertThat(objects.get(FluxCrds.GIT_REPOSITORY, NS, "not-watched-here")).isNull();
  }

  private static boolean isNamed(GenericKubernetesResource obj, String name) {
    return obj.getMetadata().getName().equals(name);
  }

  private void create(GenericKubernetesResource obj) {
    client.genericKubernetesResources(TYPE.apiVersion(), TYPE.kind()).resource(obj).create();
  }

  private static GenericKubernetesResource kustomization(String name, List<Object> dependsOn) {
    GenericKubernetesResource k = new GenericKubernetesResource();
    k.setApiVersion(TYPE.apiVersion());
    k.setKind(TYPE.kind());
    k.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace(NS)
            .build());
    k.setAdditionalProperty(
        "spec",
        Map.of(
            "interval",
            "10m",
            "path",
            "./" + name,
            "prune",
            true,
            "sourceRef",
            Map.of("kind", "GitRepository", "name", "flux-system"),
            "dependsOn",
            dependsOn));
    return k;
  }

  /** app records what it finds; infra becomes Ready when the test lets it. */
  private final class Recording implements Controller {
    private final Dependencies dependencies = new Dependencies(objects, TYPE);
    private final StatusWriter status = new StatusWriter(client);

    @Override
    public ApiResource type() {
      return TYPE;
    }

    @Override
    public Duration reconcile(GenericKubernetesResource obj) {
      if (obj.getMetadata().getName().equals("infra")) {
        infraStarted.countDown();
        try {
          infraMayFinish.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
        status.update(
            TYPE, obj, s -> Condition.ready("ReconciliationSucceeded", "ok").writeTo(s, 1));
        return null;
      }
      if (!obj.getMetadata().getName().equals("app")) {
        return null;
      }
      String reason = dependencies.notReadyReason(obj, null);
      appSaw.add(reason == null ? "ready" : reason.contains("not found") ? "missing" : "not ready");
      return null;
    }
  }
}
