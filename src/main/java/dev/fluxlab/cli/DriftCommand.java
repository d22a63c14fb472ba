package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.DriftCheck;
import dev.fluxlab.ops.Podinfo;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
    name = "drift",
    description =
        "Change Flux-managed objects by hand (scale podinfo to 0, edit its ConfigMap) and time how"
            + " long Flux takes to restore them.")
final class DriftCommand extends EnvCommand {
  @Override
  public Integer call() {
    Settings settings = settings();
    try (Environment env = attach(settings)) {
      out().println("scaling podinfo to 0 and editing ConfigMap podinfo/podinfo-settings by hand");
      out().flush();
      Map<String, Duration> latency =
          new DriftCheck(env, Podinfo.of(env), settings.readyTimeout()).run();
      for (Map.Entry<String, Duration> e : latency.entrySet()) {
        out().printf("  %-12s restored in %5d ms%n", e.getKey(), e.getValue().toMillis());
      }
      return ExitCodes.OK;
    }
  }
}
