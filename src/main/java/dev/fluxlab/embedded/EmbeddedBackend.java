package dev.fluxlab.embedded;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.ChartPublisher;
import dev.fluxlab.api.Credentials;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.EnvironmentInfo.GitEndpoints;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.api.StartFailedException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.helm.ChartRepository;
import dev.fluxlab.embedded.kube.EtcdTemplate;
import dev.fluxlab.embedded.kube.EtcdTemplates;
import dev.fluxlab.embedded.kustomize.KustomizeBuilder;
import dev.fluxlab.embedded.oci.OciRegistry;
import dev.fluxlab.embedded.oci.RegistryBinary;
import dev.fluxlab.git.EmbeddedGitServer;
import dev.fluxlab.git.GitIdentities;
import dev.fluxlab.oci.OciClient;
import dev.fluxlab.oci.RegistryAccess;
import dev.fluxlab.oci.RegistryCharts;
import dev.fluxlab.oci.RegistryRoute;
import dev.fluxlab.oci.RegistrySecrets;
import dev.fluxlab.ops.MultiTenancy;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.util.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Runs an environment on this machine without Docker: the JGit smart-HTTP server (which also serves
 * the chart repository) and fluxlab's controllers in this JVM, and per cluster a real control plane
 * (etcd, kube-apiserver, kube-controller-manager as local processes) with the Flux CRDs registered,
 * and, where its binary is built, an OCI registry process next to the git server (which also holds
 * the chart packages as Helm OCI artifacts, see {@link RegistryCharts}). Nothing runs pods.
 */
public final class EmbeddedBackend implements Backend {
  public static final String ID = "embedded";
  private static final Logger LOG = Logger.getLogger(EmbeddedBackend.class.getName());
  private static final String CHARTS_PREFIX = "/charts";

  private final String kubectl;
  private final ChartPublisher charts;
  private final Map<String, Path> chartMirrorSources;
  private Consumer<String> progress = line -> LOG.info(line);
  private EtcdTemplates etcdTemplates = EtcdTemplates.inCache();

  /**
   * @param kubectl the kubectl binary used for {@code kubectl kustomize}
   * @param charts fills the chart repository directory the environment serves
   * @param chartMirrorSources Helm repository URL to a directory of chart sources that stands in
   *     for it (remote repositories cannot be reached offline)
   */
  public EmbeddedBackend(
      String kubectl, ChartPublisher charts, Map<String, Path> chartMirrorSources) {
    this.kubectl = kubectl;
    this.charts = charts;
    this.chartMirrorSources = Map.copyOf(chartMirrorSources);
  }

  /** Where lines about work the user waits for (the etcd template's first build) go. */
  public EmbeddedBackend withProgress(Consumer<String> progress) {
    this.progress = progress;
    return this;
  }

  /** Where the etcd templates are kept (default: fluxlab's cache). */
  public EmbeddedBackend withEtcdTemplates(EtcdTemplates templates) {
    this.etcdTemplates = templates;
    return this;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Environment start(Settings settings) {
    Backend.requireNew(settings);
    Path envDir = settings.envDir();
    EmbeddedRuntime runtime = null;
    CompletableFuture<Map<String, Path>> mirrors = null;
    CompletableFuture<?> ociCharts = null;
    List<CompletableFuture<EmbeddedCluster>> starting = List.of();
    try {
      Files.createDirectories(envDir);
      // Recorded before anything starts, so that a teardown meanwhile (or after kill -9) knows
      // the owner to stop and that there are no containers to look for.
      info(settings, "", Map.of(), "").write(envDir);
      // The control planes are the long pole: they start first, and everything this JVM sets up
      // (git server, charts, builder) is done while they boot.
      starting = startClusters(settings, envDir);
      Credentials credentials = Credentials.generate("fluxlab");
      Path credentialsFile =
          Environment.writeCredentials(envDir.resolve("credentials"), credentials);
      Path chartsDir = envDir.resolve("charts");
      Files.createDirectories(chartsDir);
      // Packaging charts (Helm's Go library) is slow when cold and independent of the rest.
      CompletableFuture<Void> published =
          CompletableFuture.runAsync(() -> charts.publish(settings, chartsDir));
      mirrors = published.thenApply(done -> buildMirrors(envDir.resolve("chart-mirrors")));

      EmbeddedGitServer git =
          new EmbeddedGitServer(envDir.resolve("git"), credentials, GitIdentities.of(envDir))
              .start(settings.gitPort(), CHARTS_PREFIX, chartsDir);
      runtime = new EmbeddedRuntime(git);
      RegistryRoute route = startRegistry(envDir, runtime);
      // Pushing the charts to the registry (about 2 s) overlaps the control planes' start too; the
      // controllers start after it, so that no OCIRepository looks before they are there.
      ociCharts =
          route.host() == null
              ? CompletableFuture.completedFuture(null)
              : published.thenRunAsync(
                  () ->
                      RegistryCharts.publish(
                          OciClient.forRegistry(RegistryAccess.read(envDir)), chartsDir));
      // One builder for every cluster: they sync the same commits, so each build is done once.
      KustomizeBuilder builder = KustomizeBuilder.start(envDir.resolve("kustomize"), kubectl);
      runtime.addCloseable(builder);
      List<EmbeddedCluster> clusters = joinClusters(starting, runtime);
      Map<String, Path> chartMirrors = join(mirrors);
      join(ociCharts);
      Map<String, String> kubeconfigs = new LinkedHashMap<>();
      for (EmbeddedCluster cluster : clusters) {
        String name = cluster.name();
        runtime.addLoop(
            EmbeddedFlux.startControllers(
                cluster,
                envDir.resolve("clusters").resolve(name),
                builder,
                chartMirrors,
                lockdown(settings),
                route));
        if (route.host() != null) {
          RegistrySecrets.create(
              cluster.client(), EmbeddedFlux.NAMESPACE, RegistryAccess.read(envDir));
        }
        Path kubeconfig = envDir.resolve("kubeconfig-" + name + ".yaml");
        SecureFiles.writeOwnerOnly(kubeconfig, Files.readString(cluster.kubeconfig()));
        kubeconfigs.put(name, kubeconfig.toString());
      }
      EnvironmentInfo info =
          info(settings, git.baseUrl().toString(), kubeconfigs, credentialsFile.toString());
      info.write(envDir);
      return new Environment(envDir, info, credentials, runtime);
    } catch (EmbeddedGitServer.PortInUseException e) {
      cleanUp(runtime, starting, envDir, mirrors, ociCharts);
      throw new InvalidInputException(e.getMessage());
    } catch (IOException e) {
      cleanUp(runtime, starting, envDir, mirrors, ociCharts);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      RuntimeException failure = withLogsKept(e, settings);
      cleanUp(runtime, starting, envDir, mirrors, ociCharts);
      throw failure;
    }
  }

  /**
   * A start failure of fluxlab's own making (a process that exited, a server that did not come up)
   * names where the environment's logs were kept; bad input needs no logs to explain it.
   */
  private static RuntimeException withLogsKept(RuntimeException e, Settings settings) {
    if (e.getClass() != FluxLabException.class) {
      return e;
    }
    Path kept = Teardown.diagnosticsDir(settings.stateDir(), settings.envName());
    if (StartLogs.keep(settings.envDir(), kept) == 0) {
      return e;
    }
    return new StartFailedException(e.getMessage(), kept, e);
  }

  /** The environment's record, in state STARTING, owned by this process. */
  private static EnvironmentInfo info(
      Settings settings, String gitUrl, Map<String, String> kubeconfigs, String credentialsFile) {
    // The clusters run on this host: they reach git and the charts by the host's URL.
    GitEndpoints git =
        new GitEndpoints(gitUrl, gitUrl, gitUrl.isEmpty() ? "" : gitUrl + CHARTS_PREFIX);
    return EnvironmentInfo.ownedByThisProcess(settings, ID, git, kubeconfigs, credentialsFile);
  }

  /**
   * Starts every cluster's control plane at the same time (each is a few processes that mostly wait
   * on each other) and installs Flux's CRDs, in the background.
   */
  private List<CompletableFuture<EmbeddedCluster>> startClusters(Settings settings, Path envDir) {
    Path manifests = settings.docker().fluxManifests();
    // Built (once per machine) before any cluster starts: on 2 cores a build beside the clusters
    // would slow all of them.
    EtcdTemplate template =
        settings.etcdTemplate()
            ? EmbeddedFlux.etcdTemplate(etcdTemplates, manifests, progress).orElse(null)
            : null;
    List<CompletableFuture<EmbeddedCluster>> starting = new ArrayList<>();
    for (String name : settings.clusters()) {
      starting.add(
          CompletableFuture.supplyAsync(
              () ->
                  EmbeddedCluster.start(
                      name,
                      envDir.resolve("clusters").resolve(name).resolve("kube"),
                      template,
                      c -> EmbeddedFlux.install(c, manifests))));
    }
    return starting;
  }

  /**
   * Waits for every cluster; each that started is registered with the runtime, so that closing it
   * stops them even when another failed (whose failure is then thrown).
   */
  private static List<EmbeddedCluster> joinClusters(
      List<CompletableFuture<EmbeddedCluster>> starting, EmbeddedRuntime runtime) {
    List<EmbeddedCluster> clusters = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<EmbeddedCluster> f : starting) {
      try {
        EmbeddedCluster cluster = join(f);
        runtime.addCluster(cluster);
        clusters.add(cluster);
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return clusters;
  }

  /**
   * Starts the environment's OCI registry where its binary is built; where it is not, the
   * OCIRepositories of the environment say so (Ready=False) instead of failing the start.
   */
  private static RegistryRoute startRegistry(Path envDir, EmbeddedRuntime runtime) {
    Path binary = RegistryBinary.find().orElse(null);
    if (binary == null) {
      return RegistryRoute.unavailable(RegistryBinary.missingMessage());
    }
    OciRegistry registry =
        OciRegistry.start(binary, envDir.resolve("registry"), Credentials.generate("fluxlab"));
    runtime.addCloseable(registry);
    registry.access().write(envDir);
    return RegistryRoute.to(registry.access().host());
  }

  /** Flux's multi-tenancy lockdown, as the guide patches it into the controllers. */
  private static Lockdown lockdown(Settings settings) {
    return MultiTenancy.isLockedDown(settings)
        ? new Lockdown(true, MultiTenancy.DEFAULT_SERVICE_ACCOUNT)
        : Lockdown.NONE;
  }

  /** Waits for a background step, rethrowing its failure as it was thrown. */
  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** Packages each mirror's chart sources into a local repository of its own. */
  private Map<String, Path> buildMirrors(Path dir) {
    Map<String, Path> mirrors = new LinkedHashMap<>();
    int i = 0;
    for (Map.Entry<String, Path> m : chartMirrorSources.entrySet()) {
      Path repo = dir.resolve(String.valueOf(i++));
      try {
        new ChartRepository(repo).addChartSources(m.getValue());
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw new InvalidInputException(
            "--chart-mirror " + m.getKey() + "=" + m.getValue() + ": " + e.getMessage());
      }
      mirrors.put(m.getKey(), repo);
    }
    return mirrors;
  }

  private static void cleanUp(
      EmbeddedRuntime runtime,
      List<CompletableFuture<EmbeddedCluster>> starting,
      Path envDir,
      CompletableFuture<?>... background) {
    if (runtime != null) {
      runtime.close();
    }
    // Clusters still starting when something else failed: wait for each and stop it (closing one
    // the runtime stopped already does nothing).
    for (CompletableFuture<EmbeddedCluster> f : starting) {
      f.handle(
              (cluster, failure) -> {
                if (cluster != null) {
                  cluster.close();
                }
                return null;
              })
          .join();
    }
    // Let chart packaging and pushing finish before their directories are deleted under them.
    for (CompletableFuture<?> b : background) {
      if (b != null) {
        b.handle((result, failure) -> null).join();
      }
    }
    Teardown.removeDirectory(envDir);
  }
}
