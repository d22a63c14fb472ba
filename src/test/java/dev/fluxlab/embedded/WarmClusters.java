package dev.fluxlab.embedded;

import dev.fluxlab.config.DockerSettings;
import dev.fluxlab.config.Settings;
import dev.fluxlab.util.Files2;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Test clusters, one started ahead: starting a control plane takes seconds of CPU, while a
 * reconciler test mostly waits, so the next test's cluster starts while the current test runs. Each
 * cluster is used by one test only and closed by it; the one left over when the JVM exits is
 * stopped by {@code ManagedProcess}'s shutdown hook and its directory removed.
 */
final class WarmClusters {
  private static final String FLUX_VERSION = Settings.defaults().docker().fluxVersion();
  private static final Path ROOT = createRoot();
  private static CompletableFuture<EmbeddedCluster> next;

  private WarmClusters() {}

  /** A started cluster with the Flux CRDs, flux-system and the controllers' identities. */
  static synchronized EmbeddedCluster take() {
    CompletableFuture<EmbeddedCluster> mine = next != null ? next : startOne();
    next = startOne();
    return mine.join();
  }

  private static CompletableFuture<EmbeddedCluster> startOne() {
    return CompletableFuture.supplyAsync(
        () -> {
          return EmbeddedCluster.start(
              "test",
              ROOT.resolve(UUID.randomUUID().toString()),
              c -> EmbeddedFlux.install(c, DockerSettings.defaultFluxManifests(FLUX_VERSION)));
        });
  }

  private static Path createRoot() {
    try {
      Path root = Files.createTempDirectory("fluxlab-test-clusters");
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> Files2.deleteRecursively(root), "warm-clusters-rm"));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
