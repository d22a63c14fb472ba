package dev.fluxlab.cli;

import dev.fluxlab.api.InvalidInputException;
import dev.fluxlab.bench.MemoryWatch;
import dev.fluxlab.bench.ScaleBench;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Teardown;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** {@code bench --scale N --clusters C}: runs {@link ScaleBench} and prints one row per run. */
final class ScaleBenchRun {
  private static final long MIB = 1024 * 1024;

  private final SettingsOptions settingsOptions;
  private final PrintWriter out;

  ScaleBenchRun(SettingsOptions settingsOptions, PrintWriter out) {
    this.settingsOptions = settingsOptions;
    this.out = out;
  }

  int run(int apps, int clusters, int iterations) {
    if (clusters < 1) {
      throw new InvalidInputException("--clusters " + clusters + ": must be at least 1");
    }
    List<String> names =
        new ArrayList<>(IntStream.rangeClosed(1, clusters).mapToObj(i -> "cluster-" + i).toList());
    out.printf(
        "scale: %d app Kustomizations x %d cluster(s), %d cores (load average %.1f), max heap %d"
            + " MiB%n",
        apps,
        clusters,
        Runtime.getRuntime().availableProcessors(),
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().maxMemory() / MIB);
    out.printf(
        "%-4s %6s %9s %10s %9s %12s %13s %11s %14s %9s %13s %14s%n",
        "run",
        "apps",
        "deploy ms",
        "release ms",
        "drift ms",
        "deploy cpu s",
        "release cpu s",
        "drift cpu s",
        "live heap MiB",
        "RSS MiB",
        "deploy reqs",
        "release reqs");
    try (MemoryWatch memory = new MemoryWatch()) {
      for (int i = 1; i <= iterations; i++) {
        Settings settings =
            settingsOptions.loadWith(
                List.of(
                    "env.name=bench-scale-" + i,
                    "clusters=" + String.join(",", names),
                    "backend=embedded"));
        try {
          ScaleBench.Result r =
              new ScaleBench(
                      settings,
                      Backends.select(settings, new PrintWriter(java.io.Writer.nullWriter())),
                      apps,
                      line -> {
                        out.println(line);
                        out.flush();
                      })
                  .run(memory);
          out.printf(
              "%-4d %6d %9d %10d %9d %12.1f %13.1f %11.1f %14d %9d %13d %14d%n",
              i,
              apps,
              r.deploy().toMillis(),
              r.release().toMillis(),
              r.drift().toMillis(),
              r.deployCpu().toMillis() / 1000.0,
              r.releaseCpu().toMillis() / 1000.0,
              r.driftCpu().toMillis() / 1000.0,
              r.peakHeapBytes() / MIB,
              r.peakRssBytes() / MIB,
              r.deployRequests(),
              r.releaseRequests());
          out.flush();
        } finally {
          Teardown.run(settings.stateDir(), settings.envName());
        }
      }
    }
    return ExitCodes.OK;
  }
}
