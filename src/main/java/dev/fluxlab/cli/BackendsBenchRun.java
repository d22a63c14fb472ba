package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.config.BackendChoice;
import dev.fluxlab.config.Settings;
import dev.fluxlab.docker.DockerBackend;
import dev.fluxlab.docker.DockerEngine;
import dev.fluxlab.docker.Leftovers;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.DriftCheck;
import dev.fluxlab.ops.Podinfo;
import dev.fluxlab.ops.Releases;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.ops.Waits;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench --backends embedded,kube-node}: the same fixture and clusters deployed on each
 * backend in turn, in one process, with one block of numbers per backend and run: clusters (and,
 * where there are nodes, each node) Ready, deploy to all Ready, release push to the new version
 * rolled out (and served, where pods run), drift restored, teardown, and what teardown left.
 */
final class BackendsBenchRun {
  /** A backend by the name users know it: embedded, or the docker backend's cluster provider. */
  private static final Map<String, List<String>> BACKENDS =
      Map.of(
          "embedded", List.of("backend=embedded"),
          "kube-node", List.of("backend=docker", "cluster.provider=kube-node"),
          "kube-local", List.of("backend=docker", "cluster.provider=kube-local"),
          "k3s", List.of("backend=docker", "cluster.provider=k3s"));

  private static final Pattern NODE_STARTING =
      Pattern.compile(".*starting Kubernetes node for cluster (\\S+)");
  private static final Pattern NODE_READY = Pattern.compile(".*node of cluster (\\S+) Ready");

  private final SettingsOptions settingsOptions;
  private final PrintWriter out;

  BackendsBenchRun(SettingsOptions settingsOptions, PrintWriter out) {
    this.settingsOptions = settingsOptions;
    this.out = out;
  }

  int run(List<String> backends, int iterations) {
    for (String b : backends) {
      if (!BACKENDS.containsKey(b)) {
        throw new InvalidInputException(
            "--backends " + b + ": expected embedded, kube-node, kube-local or k3s");
      }
    }
    for (int i = 1; i <= iterations; i++) {
      for (String backend : backends) {
        List<String> overrides = new ArrayList<>(BACKENDS.get(backend));
        overrides.add("env.name=bench-" + backend + "-" + i);
        Settings settings = settingsOptions.loadWith(overrides);
        out.printf(
            "== %s, run %d: clusters %s (load average %.1f)%n",
            backend,
            i,
            String.join(",", settings.clusters()),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        out.flush();
        measure(settings);
      }
    }
    return ExitCodes.OK;
  }

  private void measure(Settings settings) {
    NodeClock nodes = new NodeClock();
    List<String> phaseLines = new ArrayList<>();
    long t0 = System.nanoTime();
    Environment env;
    try {
      env =
          new Deployer(
                  settings.backend() == BackendChoice.EMBEDDED
                      ? Backends.embedded(Map.of())
                      : new DockerBackend(new PodinfoCharts(), nodes::line),
                  settings,
                  SeedPlan.fixture(settings),
                  phaseLines::add)
              .deploy();
    } catch (RuntimeException e) {
      Teardown.run(settings.stateDir(), settings.envName());
      throw e;
    }
    Duration deploy = since(t0);
    // The first phase starts the backend: its clusters up and able to take the Flux objects.
    print("clusters Ready", phaseLines.isEmpty() ? "?" : phaseLines.get(0).trim());
    nodes.ready().forEach((cluster, d) -> print("node Ready", cluster + " " + ms(d)));
    print("deploy, all Ready", ms(deploy));

    boolean docker = settings.backend() != BackendChoice.EMBEDDED;
    Leftovers leftovers = null;
    try {
      leftovers = docker ? Leftovers.watch(settings.envName()) : null;
      releaseAndDrift(env, settings);
    } finally {
      long t1 = System.nanoTime();
      env.close();
      Teardown.run(settings.stateDir(), settings.envName());
      print("teardown", ms(since(t1)));
    }
    print(
        "state directory",
        settings.envDir() + (Files.exists(settings.envDir()) ? " STILL THERE" : " gone"));
    if (leftovers != null) {
      List<String> left = leftovers.remaining();
      print(
          "labelled in docker",
          left.isEmpty()
              ? "nothing left (containers, networks, volumes; "
                  + leftovers.mountedVolumes()
                  + " mounted volume(s) checked)"
              : "LEFT: " + String.join(", ", left));
    } else if (DockerEngine.isReachable()) {
      print("labelled in docker", "none (the embedded backend starts no containers)");
    }
  }

  private void releaseAndDrift(Environment env, Settings settings) {
    Releases releases = new Releases(env, Podinfo.of(env), settings.readyTimeout());
    for (String cluster : env.clusters()) {
      print("served before", cluster + " " + served(releases, cluster));
    }
    Releases.Outcome release = releases.release(settings.podinfoNextVersion());
    release
        .latencyByCluster()
        .forEach(
            (cluster, d) ->
                print(
                    "release push -> Ready",
                    cluster + " " + ms(d) + " (" + served(releases, cluster) + ")"));

    long driftStart = System.nanoTime();
    new DriftCheck(env, Podinfo.of(env), settings.readyTimeout())
        .run()
        .forEach((cluster, d) -> print("drift restored", cluster + " " + ms(d)));
    for (String cluster : env.clusters()) {
      if (releases.podsRun(cluster)) {
        // The spec is back at once; podinfo answers again only when a new pod is Ready.
        Waits.until(
            "podinfo to serve again on " + cluster,
            settings.readyTimeout(),
            () -> releases.served(cluster).isPresent(),
            () -> "nothing serves");
        print("drift: serving again", cluster + " " + ms(since(driftStart)));
      }
    }
  }

  private static String served(Releases releases, String cluster) {
    return releases.podsRun(cluster)
        ? "serves " + releases.served(cluster).orElse("nothing")
        : "no pods on this backend, nothing serves";
  }

  private void print(String what, Object value) {
    out.printf("  %-22s %s%n", what, value);
    out.flush();
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String ms(Duration d) {
    return d.toMillis() + " ms";
  }

  /** Times each node from "starting Kubernetes node" to "node ... Ready" in the backend's lines. */
  private static final class NodeClock {
    private final Map<String, Long> started = new LinkedHashMap<>();
    private final Map<String, Duration> ready = new LinkedHashMap<>();

    synchronized void line(String line) {
      Matcher m = NODE_STARTING.matcher(line);
      if (m.matches()) {
        started.put(m.group(1), System.nanoTime());
        return;
      }
      m = NODE_READY.matcher(line);
      if (m.matches() && started.containsKey(m.group(1))) {
        ready.put(m.group(1), since(started.get(m.group(1))));
      }
    }

    synchronized Map<String, Duration> ready() {
      return new LinkedHashMap<>(ready);
    }
  }
}
