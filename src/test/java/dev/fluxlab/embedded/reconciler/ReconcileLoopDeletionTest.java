package dev.fluxlab.embedded.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fluxlab.embedded.ApiResource;
import dev.fluxlab.embedded.EmbeddedCluster;
import dev.fluxlab.embedded.EmbeddedFlux;
import dev.fluxlab.embedded.FluxCrds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An object deleted while it is reconciled makes the reconcile's status write find nothing: that is
 * the deletion winning a race, not a failure to report with a stack trace (a scenario that
 * offboarded a tenant printed one). A NotFound about an object that still exists is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconcileLoopDeletionTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final ApiResource TYPE = FluxCrds.KUSTOMIZATION;
  private static final String NS = "flux-system";

  private EmbeddedCluster cluster;
  private KubernetesClient client;
  private ReconcileLoop loop;
  private final List<String> reconciled = new CopyOnWriteArrayList<>();
  private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
  private final Logger loopLog = Logger.getLogger(ReconcileLoop.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  void start(@TempDir Path tmp) {
    cluster = EmbeddedCluster.start("deletion-test", tmp.resolve("kube"));
    client = cluster.client();
    EmbeddedFlux.install(cluster, null);
    loopLog.addHandler(capture);
    loop = new ReconcileLoop(client, "deletion-test", new ObjectCache(client));
    loop.register(new DeletesThenWritesStatus()).start();
  }

  @AfterAll
  void stop() {
    loopLog.removeHandler(capture);
    if (loop != null) {
      loop.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aStatusWriteThatFindsTheObjectDeletedIsNoFailure() {
    create("deleted-meanwhile");

    await().atMost(TIMEOUT).until(() -> reconciled.contains("deleted-meanwhile"));
    await().atMost(TIMEOUT).until(() -> get("deleted-meanwhile") == null);

    assertThat(warningsAbout("deleted-meanwhile")).isEmpty();
  }

  @Test
  void aNotFoundAboutAnObjectThatStillExistsIsReported() {
    create("still-there");

    await().atMost(TIMEOUT).until(() -> !warningsAbout("still-there").isEmpty());
    assertThat(get("still-there")).isNotNull();
  }

  private List<LogRecord> warningsAbout(String name) {
    return warnings.stream().filter(r -> r.getMessage().contains(NS + "/" + name)).toList();
  }

  /** Deletes its object (or not), then fails the way a status write on a deleted object fails. */
  private final class DeletesThenWritesStatus implements Controller {
    @Override
    public ApiResource type() {
      return TYPE;
    }

    @Override
    public Duration reconcile(GenericKubernetesResource obj) {
      String name = obj.getMetadata().getName();
      reconciled.add(name);
      if (name.equals("deleted-meanwhile")) {
        resource(name).delete();
        await().atMost(TIMEOUT).until(() -> get(name) == null);
      }
      throw new KubernetesClientException(
          "kustomizations.kustomize.toolkit.fluxcd.io \"" + name + "\" not found", 404, null);
    }
  }

  private void create(String name) {
    GenericKubernetesResource k = new GenericKubernetesResource();
    k.setApiVersion(TYPE.apiVersion());
    k.setKind(TYPE.kind());
    k.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    k.setAdditionalProperty(
        "spec",
        Map.of(
            "interval",
            "10m",
            "path",
            "./",
            "prune",
            false,
            "sourceRef",
            Map.of("kind", "GitRepository", "name", "none")));
    client.genericKubernetesResources(TYPE.apiVersion(), TYPE.kind()).resource(k).create();
  }

  private GenericKubernetesResource get(String name) {
    return resource(name).get();
  }

  private Resource<GenericKubernetesResource> resource(String name) {
    return client
        .genericKubernetesResources(TYPE.apiVersion(), TYPE.kind())
        .inNamespace(NS)
        .withName(name);
  }
}
