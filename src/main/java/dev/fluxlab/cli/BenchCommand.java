package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.bench.ScaleRepository;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.DriftCheck;
import dev.fluxlab.ops.Podinfo;
import dev.fluxlab.ops.Releases;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures the embedded loop: deploy to all Ready, release latency, drift latency and teardown,
 * over fresh environments. Prints the numbers; it is a benchmark, not a test.
 */
@Command(
    name = "bench",
    hidden = true,
    description = "Measure deploy, release, drift and teardown times.")
final class BenchCommand extends EnvCommand {
  @Option(
      names = "--iterations",
      description =
          "Runs (default 5; with --scale: 1, so that the peaks are one run's; with --backends: 1).")
  Integer iterations;

  @Option(
      names = "--backends",
      split = ",",
      paramLabel = "BACKEND",
      description =
          "Side by side in one run, each on the fixture's clusters: embedded, kube-node,"
              + " kube-local or k3s (the docker backend's providers); per backend: clusters and"
              + " nodes Ready, deploy, release (and what podinfo serves), drift, teardown and what"
              + " it left.")
  List<String> backends;

  @Option(
      names = "--vary",
      paramLabel = "KEY=A,B",
      description =
          "Side by side in one run: every iteration deploys once per value of the setting KEY"
              + " (e.g. embedded.etcd-template=true,false), in turns (A B, then B A, ...), and"
              + " prints the median per value.")
  String vary;

  @Option(names = "--phases", description = "Also print how long each phase of every deploy took.")
  boolean phases;

  @Option(
      names = "--scale",
      defaultValue = "0",
      description =
          "Instead of the fixture: a generated fleet of N app Kustomizations (Deployment, Service,"
              + " ConfigMap each, dependsOn infra); measures deploy, a release of every app, drift"
              + " of one app, peak live heap and RSS.")
  int scale;

  @Option(
      names = "--clusters",
      defaultValue = "1",
      description = "With --scale: clusters syncing the fleet (default ${DEFAULT-VALUE}).")
  int clusters;

  @Option(
      names = "--write-repository",
      paramLabel = "DIR",
      description =
          "With --scale: only write the generated fleet's repository into DIR (a new directory)"
              + " and exit, so that peers (flux-local, flate) can be measured on the same files.")
  Path writeRepository;

  private record Sample(
      String variant, Duration deploy, Duration release, Duration drift, Duration teardown) {}

  @Override
  public Integer call() {
    if (writeRepository != null) {
      return writeRepository();
    }
    if (backends != null) {
      return new BackendsBenchRun(settingsOptions, out())
          .run(backends, iterations == null ? 1 : iterations);
    }
    if (scale > 0) {
      return new ScaleBenchRun(settingsOptions, out())
          .run(scale, clusters, iterations == null ? 1 : iterations);
    }
    int iterations = this.iterations == null ? 5 : this.iterations;
    List<String> variants = variants();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    List<Sample> samples = new ArrayList<>();
    out()
        .printf(
            "%-4s %-24s %10s %10s %10s %10s%n",
            "run", "variant", "deploy ms", "release ms", "drift ms", "teardown ms");
    int run = 0;
    for (int i = 1; i <= iterations; i++) {
      List<String> order = new ArrayList<>(variants);
      if (i % 2 == 0) {
        Collections.reverse(order); // neither variant always goes first (warmer JVM, cache)
      }
      for (String variant : order) {
        samples.add(runOnce(++run, variant, jvmStart));
      }
    }
    for (String variant : variants) {
      List<Sample> of = samples.stream().filter(s -> s.variant().equals(variant)).toList();
      out()
          .printf(
              "%-4s %-24s %10d %10d %10d %10d%n",
              "p50",
              variant,
              median(of, Sample::deploy),
              median(of, Sample::release),
              median(of, Sample::drift),
              median(of, Sample::teardown));
    }
    return ExitCodes.OK;
  }

  /** The --vary assignments (KEY=A, KEY=B), or one empty variant. */
  private List<String> variants() {
    if (vary == null) {
      return List.of("");
    }
    int eq = vary.indexOf('=');
    if (eq < 1 || eq == vary.length() - 1) {
      throw new InvalidInputException("--vary " + vary + ": expected KEY=A,B");
    }
    String key = vary.substring(0, eq);
    List<String> values = List.of(vary.substring(eq + 1).split(","));
    List<String> variants = values.stream().map(v -> key + "=" + v.trim()).toList();
    variants.forEach(v -> settingsOptions.loadWith(List.of(v))); // a bad key or value: now
    return variants;
  }

  private Sample runOnce(int i, String variant, long jvmStart) {
    List<String> overrides = new ArrayList<>(List.of("env.name=bench-" + i));
    if (!variant.isEmpty()) {
      overrides.add(variant);
    }
    Settings settings = settingsOptions.loadWith(overrides);
    Backend backend = Backends.select(settings, out());
    List<String> phaseLines = new ArrayList<>();
    long t0 = System.nanoTime();
    Environment env =
        new Deployer(backend, settings, SeedPlan.fixture(settings), phaseLines::add).deploy();
    Duration deploy = since(t0);
    if (phases) {
      phaseLines.forEach(out()::println);
    }
    if (i == 1) {
      out()
          .printf(
              "first deploy: all Ready %d ms after JVM start%n",
              System.currentTimeMillis() - jvmStart);
    }
    Duration release =
        max(
            new Releases(env, Podinfo.of(env), settings.readyTimeout())
                .release(settings.podinfoNextVersion())
                .latencyByCluster()
                .values());
    Duration drift =
        max(new DriftCheck(env, Podinfo.of(env), settings.readyTimeout()).run().values());
    long t1 = System.nanoTime();
    env.close();
    Teardown.run(settings.stateDir(), settings.envName());
    Sample s = new Sample(variant, deploy, release, drift, since(t1));
    out()
        .printf(
            "%-4d %-24s %10d %10d %10d %10d%n",
            i, variant, ms(s.deploy()), ms(s.release()), ms(s.drift()), ms(s.teardown()));
    out().flush();
    return s;
  }

  private int writeRepository() {
    if (scale < 1) {
      throw new InvalidInputException("--write-repository: needs --scale N (N at least 1)");
    }
    if (Files.exists(writeRepository)) {
      throw new InvalidInputException(
          "--write-repository " + writeRepository + ": already exists (give a new directory)");
    }
    List<String> names = IntStream.rangeClosed(1, clusters).mapToObj(i -> "cluster-" + i).toList();
    ScaleRepository.generate(writeRepository, scale, names);
    out().printf("wrote %d apps x %d cluster(s) to %s%n", scale, clusters, writeRepository);
    return ExitCodes.OK;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static long ms(Duration d) {
    return d.toMillis();
  }

  private static Duration max(java.util.Collection<Duration> ds) {
    return ds.stream().max(Duration::compareTo).orElse(Duration.ZERO);
  }

  private static long median(List<Sample> samples, Function<Sample, Duration> f) {
    List<Long> values = new ArrayList<>(samples.stream().map(f).map(Duration::toMillis).toList());
    Collections.sort(values);
    return values.get(values.size() / 2);
  }
}
