package dev.fluxlab.ops;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.config.Settings;
import dev.fluxlab.git.GitWorkspace;
import dev.fluxlab.sops.EnvironmentEncryption;
import dev.fluxlab.util.SecureFiles;
import dev.fluxlab.util.YamlPathEditor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
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
    // The state directory and each environment below it are the owner's alone (0700): they hold
    // credentials, git repositories and artifacts.
    SecureFiles.createOwnerOnlyDirectories(settings.stateDir());
    Environment env =
        phases.run(
            "start " + backend.id() + " backend (" + String.join(", ", settings.clusters()) + ")",
            () -> backend.start(settings));
    try {
      SecureFiles.restrictToOwner(env.dir());
      phases.run("push seed repositories", () -> seed(env));
      phases.run("bootstrap Flux objects", () -> bootstrap(env));
      phases.run(
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
      try {
        onFailure.accept(env);
      } finally {
        env.close();
      }
      Teardown.afterFailedDeploy(settings.stateDir(), settings.envName());
      throw e;
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
