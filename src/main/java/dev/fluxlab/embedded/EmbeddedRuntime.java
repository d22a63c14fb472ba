package dev.fluxlab.embedded;

import dev.fluxlab.embedded.reconciler.Maps;
import dev.fluxlab.embedded.reconciler.ObjectKey;
import dev.fluxlab.embedded.reconciler.ReconcileLoop;
import dev.fluxlab.git.EmbeddedGitServer;
import dev.fluxlab.git.RepositoryUrls;
import java.util.ArrayList;
import java.util.List;

/**
 * What an embedded environment runs in this JVM: the git server, one control plane and controller
 * loop per cluster. A push to the git server triggers the GitRepositories that track the pushed
 * repository at once, as a Flux Receiver webhook would. Closing stops everything; it is idempotent.
 */
public final class EmbeddedRuntime implements AutoCloseable {
  private final EmbeddedGitServer git;
  private final List<EmbeddedCluster> clusters = new ArrayList<>();
  private final List<ReconcileLoop> loops = new ArrayList<>();
  private boolean closed;

  public EmbeddedRuntime(EmbeddedGitServer git) {
    this.git = git;
    git.addPushListener(this::pushed);
  }

  /** Adds a started cluster to what {@link #close()} stops. */
  public synchronized void addCluster(EmbeddedCluster cluster) {
    clusters.add(cluster);
  }

  /** Adds a started controller loop: pushes reach it, {@link #close()} stops it. */
  public synchronized void addLoop(ReconcileLoop loop) {
    loops.add(loop);
  }

  public EmbeddedGitServer git() {
    return git;
  }

  private void pushed(String owner, String repository) {
    List<ReconcileLoop> current;
    synchronized (this) {
      current = List.copyOf(loops);
    }
    for (ReconcileLoop loop : current) {
      for (var repo : loop.cached(FluxCrds.GIT_REPOSITORY)) {
        String url = Maps.string(Maps.spec(repo), "url");
        if (RepositoryUrls.tracks(url, owner, repository)) {
          loop.request(ObjectKey.of(FluxCrds.GIT_REPOSITORY, repo));
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      loops.forEach(ReconcileLoop::close);
      clusters.forEach(EmbeddedCluster::close);
    } finally {
      git.close();
      loops.clear();
      clusters.clear();
    }
  }
}
