package dev.fluxlab.embedded.reconciler;

import dev.fluxlab.embedded.ApiCatalog;
import dev.fluxlab.embedded.apply.Applier;
import dev.fluxlab.embedded.source.ArtifactStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;

/**
 * What the controllers of one embedded cluster share: its API client and catalog, the cache of the
 * objects they watch, the artifact storage, the event recorder, the status writer, the applier and
 * a scratch directory.
 */
public record ClusterContext(
    String clusterName,
    KubernetesClient client,
    ApiCatalog catalog,
    ObjectCache objects,
    ArtifactStore artifacts,
    EventRecorder events,
    StatusWriter status,
    Applier applier,
    Path scratchDir) {

  public static ClusterContext create(
      String clusterName, KubernetesClient client, ApiCatalog catalog, Path dir) {
    ObjectCache objects = new ObjectCache(client);
    return new ClusterContext(
        clusterName,
        client,
        catalog,
        objects,
        new ArtifactStore(dir.resolve("artifacts")),
        new EventRecorder(client),
        new StatusWriter(client, objects),
        new Applier(
            client,
            catalog,
            (type, entry) ->
                objects.cached(type.apiVersion(), type.kind(), entry.namespace(), entry.name())),
        dir.resolve("tmp"));
  }
}
