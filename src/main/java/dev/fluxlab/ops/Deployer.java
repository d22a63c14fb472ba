package dev.fluxlab.ops;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.sops.EnvironmentEncryption;
import dev.fluxlab.util.SecureFiles;
import dev.fluxlab.util.YamlPathEditor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code deploy}: starts an environment on a backend, pushes the seed repositories, bootstraps Flux
 * on every cluster and waits until everything is Ready. Any failure tears down what was started, so
 * a failed deploy leaves nothing behind.
 */
public final class Deployer {
  private final Backend backend;
  private final Settings settings;
  private final SeedPlan plan;
  private final Phases phases;
  private Consumer<Environment> onFailure = env -> {};
  private String convergencePhase = "reconcile until all Ready";
  private Consumer<Environment> convergence;

  /** Set by {@link #cancel}: no further phase starts and the running one is interrupted. */
  private volatile boolean cancelled;

  private volatile Thread deploying;
  private final CountDownLatch finished = new CountDownLatch(1);

  public Deployer(Backend backend, Settings settings, SeedPlan plan, Consumer<String> progress) {
    this.backend = backend;
    this.settings = settings;
    this.plan = plan;
    this.phases = new Phases(progress);
  }

  /** Runs before a failed deploy is torn down, e.g. to show the status of every object. */
  public Deployer onFailure(Consumer<Environment> inspector) {
    this.onFailure = inspector;
    return this;
  }

  /**
   * Replaces the last phase (wait until every Flux object is Ready), e.g. with a wait that also
   * accepts objects that settled as failed.
   */
  public Deployer awaiting(String phase, Consumer<Environment> wait) {
    this.convergencePhase = phase;
    this.convergence = wait;
    return this;
  }

  /** Deploys; the caller owns (and must close) the returned environment. */
  public Environment deploy() {
    deploying = Thread.currentThread();
    try {
      return deployPhases();
    } finally {
      deploying = null;
      finished.countDown();
    }
  }

  /**
   * Stops a deploy running in another thread (a shutdown hook after Ctrl-C): no further phase
   * starts, the running one is interrupted, and this returns once {@link #deploy} has returned, or
   * after {@code atMost}. The environment's processes are closed by then; what is left on disk is
   * for the caller to remove (teardown), which would otherwise race with the deploy's own writes.
   */
  public void cancel(Duration atMost) {
    cancelled = true;
    Thread t = deploying;
    if (t != null) {
      t.interrupt();
    }
    try {
      finished.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Environment deployPhases() {
    // The state directory and each environment below it are the owner's alone (0700): they hold
    // credentials, git repositories and artifacts.
    SecureFiles.createOwnerOnlyDirectories(settings.stateDir());
    throwIfCancelled();
    Environment env =
        phases.run(
            "start " + backend.id() + " backend (" + String.join(", ", settings.clusters()) + ")",
            () -> backend.start(settings));
    try {
      throwIfCancelled();
      SecureFiles.restrictToOwner(env.dir());
      phase("push seed repositories", () -> seed(env));
      phase("bootstrap Flux objects", () -> bootstrap(env));
      phase(
          convergencePhase,
          () -> {
            if (convergence == null) {
              Convergence.awaitAllReady(env, settings.readyTimeout());
            } else {
              convergence.accept(env);
            }
          });
      markReady(env);
      return env;
    } catch (RuntimeException e) {
      if (cancelled) {
        // Not a failure to explain: stop the servers quietly and leave the removal to the
        // canceller. The interrupt is spent; closing must not be cut short by it.
        Thread.interrupted();
        env.close();
        throw e;
      }
      try {
        onFailure.accept(env);
      } finally {
        env.close();
      }
      Teardown.afterFailedDeploy(settings.stateDir(), settings.envName());
      throw e;
    }
  }

  /** Runs the next phase, unless the deploy was cancelled meanwhile. */
  private void phase(String name, Runnable step) {
    throwIfCancelled();
    phases.run(name, step);
  }

  private void throwIfCancelled() {
    if (cancelled) {
      throw new FluxLabException("deploy cancelled");
    }
  }

  public Phases phases() {
    return phases;
  }

  /**
   * Creates the repositories and each tenant's git identity, then pushes every repository as the
   * identity that owns it (a tenant's repository as the tenant).
   */
  private void seed(Environment env) {
    for (String repository : plan.repositories().keySet()) {
      env.ensureRepository(repository);
    }
    plan.tenants().forEach(env::addGitIdentity);
    for (Map.Entry<String, Path> repo : plan.repositories().entrySet()) {
      Path dir =
          env.dir().resolve("tmp").resolve("seed-" + repo.getKey() + "-" + UUID.randomUUID());
      try (GitWorkspace ws =
          GitWorkspace.init(
              env.repositoryUrl(repo.getKey()), env.credentialsFor(repo.getKey()), dir)) {
        ws.copyFrom(repo.getValue());
        for (SeedPlan.FileEdit edit : plan.edits()) {
          if (edit.repository().equals(repo.getKey())) {
            ws.write(
                edit.file(),
                YamlPathEditor.set(ws.read(edit.file()), edit.yamlPath(), edit.value()));
          }
        }
        for (SeedPlan.EncryptedFile file : plan.encrypted()) {
          if (file.repository().equals(repo.getKey())) {
            ws.write(
                file.file(),
                EnvironmentEncryption.forEnvironment(env.dir(), file.file(), ws.read(file.file())));
          }
        }
        ws.commitAndPush("Seed " + repo.getKey() + " from fluxlab");
      }
    }
  }

  private void bootstrap(Environment env) {
    EnvironmentInfo info = env.info();
    String url =
        info.gitUrlInCluster() + "/" + info.gitOwner() + "/" + plan.syncRepository() + ".git";
    for (String cluster : env.clusters()) {
      Map<String, String> variables = new LinkedHashMap<>();
      variables.put("fluxlab_cluster", cluster);
      variables.put("fluxlab_env", settings.envName());
      variables.put(
          "fluxlab_chart_url",
          settings.podinfoChartUrl().isEmpty()
              ? info.chartUrlInCluster()
              : settings.podinfoChartUrl());
      variables.put("fluxlab_git_url", info.gitUrlInCluster() + "/" + info.gitOwner());
      FluxBootstrap.apply(
          env.client(cluster),
          url,
          plan.clusterPaths().get(cluster),
          env.credentials(),
          settings.reconcileInterval(),
          variables,
          MultiTenancy.isLockedDown(settings) ? MultiTenancy.CONTROLLER_SERVICE_ACCOUNT : null,
          SopsKeys.forClusters(env.dir(), settings.sopsAgeKeyFile()),
          env.gitIdentities());
    }
  }

  private void markReady(Environment env) {
    env.info().ready(new ArrayList<>(plan.repositories().keySet())).write(env.dir());
  }
}
