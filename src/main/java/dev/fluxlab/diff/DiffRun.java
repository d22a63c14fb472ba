package dev.fluxlab.diff;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.Settings;
import dev.fluxlab.diff.RevisionTrees.Revision;
import dev.fluxlab.ops.ClusterPaths;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code fluxlab diff}: writes the base and head trees of a repository into two throwaway
 * environments' state directories, reconciles every cluster of both at the same time, reads what
 * reconciliation left, tears both down and compares them cluster by cluster.
 */
public final class DiffRun {
  /**
   * What to compare.
   *
   * @param repo the repository's directory (its working tree; may be a sub-directory)
   * @param base a revision, or null for the merge-base of HEAD with the default branch
   * @param head a revision, or null for the working tree
   * @param paths the {@code --path [NAME=]PATH} values
   * @param allClusters the {@code --all-clusters} directory, or null
   */
  public record Request(
      Path repo, String base, String head, List<String> paths, String allClusters) {
    public Request {
      paths = List.copyOf(paths);
    }
  }

  private final Request request;
  private final Function<List<String>, Settings> settingsWith;
  private final Function<String, Backend> backends;
  private final Consumer<String> progress;

  /**
   * @param settingsWith the settings with extra overrides applied (environment name, clusters)
   * @param backends a fresh embedded backend for a side ("base" or "head")
   * @param progress progress lines (kept apart from the report)
   */
  public DiffRun(
      Request request,
      Function<List<String>, Settings> settingsWith,
      Function<String, Backend> backends,
      Consumer<String> progress) {
    this.request = request;
    this.settingsWith = settingsWith;
    this.backends = backends;
    this.progress = progress;
  }

  public DiffReport run() {
    Path repo = request.repo().toAbsolutePath().normalize();
    if (!Files.isDirectory(repo)) {
      throw new InvalidInputException("--repo " + request.repo() + ": not a directory");
    }
    if (request.paths().isEmpty() && request.allClusters() == null) {
      throw new InvalidInputException(
          "diff needs --path (e.g. --path clusters/staging) or --all-clusters DIR");
    }
    Settings settings = settingsWith.apply(List.of());
    String name = settings.envName() + "-diff-" + UUID.randomUUID().toString().substring(0, 6);
    Side base;
    Side head;
    try (RevisionTrees git = RevisionTrees.open(repo)) {
      Revision baseRev =
          request.base() == null ? git.defaultBase() : git.resolve(request.base(), "--base");
      Revision headRev = request.head() == null ? null : git.resolve(request.head(), "--head");
      base = new Side("base", name + "-base", baseRev == null ? "" : baseRev.label());
      head = new Side("head", name + "-head", headRev == null ? "working tree" : headRev.label());
      base.tree = settings.stateDir().resolve(base.envName).resolve("tree");
      git.materialise(baseRev, base.tree);
      if (headRev == null) {
        head.tree = repo;
      } else {
        head.tree = settings.stateDir().resolve(head.envName).resolve("tree");
        git.materialise(headRev, head.tree);
      }
    } catch (RuntimeException e) {
      Teardown.run(settings.stateDir(), name + "-base");
      Teardown.run(settings.stateDir(), name + "-head");
      throw e;
    }
    try {
      Map<String, String> headClusters = clusters(head.tree);
      Map<String, String> baseClusters = clusters(base.tree);
      for (ClusterPaths.Entry e : ClusterPaths.parse(repo, request.paths(), null)) {
        if (!exists(head.tree, e.path()) && !exists(base.tree, e.path())) {
          throw new InvalidInputException(
              e.option() + ": no such directory in " + request.repo() + " at base or at head");
        }
      }
      CompletableFuture<Map<String, ClusterState>> baseStates =
          CompletableFuture.supplyAsync(() -> reconcile(base, baseClusters));
      CompletableFuture<Map<String, ClusterState>> headStates =
          CompletableFuture.supplyAsync(() -> reconcile(head, headClusters));
      // Both sides finish (and clean up) before either failure is reported.
      CompletableFuture.allOf(baseStates, headStates).handle((done, failure) -> null).join();
      Map<String, ClusterState> before = join(baseStates);
      Map<String, ClusterState> after = join(headStates);
      PathChanges changedUnderPath = new PathChanges(base.tree, head.tree);
      LinkedHashSet<String> names = new LinkedHashSet<>(headClusters.keySet());
      names.addAll(baseClusters.keySet());
      List<ClusterDiff> diffs = new ArrayList<>();
      for (String cluster : names) {
        ClusterState b = before.getOrDefault(cluster, ClusterState.absent(cluster));
        ClusterState h = after.getOrDefault(cluster, ClusterState.absent(cluster));
        diffs.add(
            new StateComparison(b, h, changedUnderPath)
                .compare(baseClusters.containsKey(cluster), headClusters.containsKey(cluster)));
      }
      return new DiffReport(base.label, head.label, diffs);
    } finally {
      Teardown.run(settings.stateDir(), base.envName);
      Teardown.run(settings.stateDir(), head.envName);
    }
  }

  /** One side of the diff: its environment's name, its tree and how it is described. */
  private static final class Side {
    final String id;
    final String envName;
    final String label;
    Path tree;

    Side(String id, String envName, String label) {
      this.id = id;
      this.envName = envName;
      this.label = label;
    }
  }

  /** Cluster name to path of the clusters the options name that exist in {@code tree}. */
  private Map<String, String> clusters(Path tree) {
    List<ClusterPaths.Entry> entries = new ArrayList<>();
    for (ClusterPaths.Entry e : ClusterPaths.parse(tree, request.paths(), null)) {
      if (exists(tree, e.path())) {
        entries.add(e);
      }
    }
    if (request.allClusters() != null && exists(tree, request.allClusters())) {
      entries.addAll(ClusterPaths.parse(tree, List.of(), request.allClusters()));
    }
    if (entries.isEmpty()) {
      return Map.of();
    }
    return SeedPlan.userRepository(tree, entries).clusterPaths();
  }

  private static boolean exists(Path tree, String path) {
    Path dir = tree.resolve(path.replaceFirst("^\\./", "")).normalize();
    return dir.startsWith(tree) && Files.isDirectory(dir);
  }

  /** Deploys one side, waits until it settles, reads every cluster; always tears it down. */
  private Map<String, ClusterState> reconcile(Side side, Map<String, String> clusters) {
    if (clusters.isEmpty()) {
      return Map.of();
    }
    Settings settings =
        settingsWith.apply(
            List.of(
                "env.name=" + side.envName,
                "backend=embedded",
                "clusters=" + String.join(",", clusters.keySet())));
    SeedPlan plan =
        new SeedPlan(
            Map.of(SeedPlan.FLEET_REPOSITORY, side.tree),
            SeedPlan.FLEET_REPOSITORY,
            clusters,
            List.of());
    Deployer deployer =
        new Deployer(
                backends.apply(side.id),
                settings,
                plan,
                line -> progress.accept(side.id + ":" + line))
            .awaiting(
                "reconcile until settled", env -> Settling.until(env, settings.readyTimeout()));
    try (Environment env = deployer.deploy()) {
      Normalizer normalizer = normalizer(env);
      Map<String, ClusterState> states = new LinkedHashMap<>();
      for (String cluster : env.clusters()) {
        states.put(cluster, new StateCapture(env.client(cluster), normalizer).capture(cluster));
      }
      return states;
    } finally {
      Teardown.run(settings.stateDir(), side.envName);
    }
  }

  /** Placeholders for what differs between any two environments: addresses, name, password. */
  private static Normalizer normalizer(Environment env) {
    EnvironmentInfo info = env.info();
    Map<String, String> strings = new LinkedHashMap<>();
    for (String url : List.of(info.gitUrl(), info.gitUrlInCluster())) {
      strings.put(url, "<git-server>");
      URI uri = URI.create(url);
      if (uri.getPort() > 0) {
        strings.put(uri.getHost() + ":" + uri.getPort(), "<git-server-address>");
      }
    }
    strings.put(info.name(), "<env>");
    strings.put(env.credentials().password(), "<password>");
    env.gitIdentities().forEach((user, c) -> strings.put(c.password(), "<password-" + user + ">"));
    return new Normalizer(strings);
  }

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
}
