package dev.fluxlab.cli;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.ChartAvailability;
import dev.fluxlab.ops.Podinfo;
import dev.fluxlab.ops.Releases;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "new-release",
    description =
        "Bump podinfo's chart version in git, push, and wait until every cluster runs it.")
final class NewReleaseCommand extends EnvCommand {
  @Option(
      names = "--version",
      paramLabel = "VERSION",
      description = "Chart version to release (default: setting podinfo.version.next).")
  String version;

  @Override
  public Integer call() {
    Settings settings = settings();
    try (Environment env = attach(settings)) {
      Releases releases = new Releases(env, Podinfo.of(env), settings.readyTimeout());
      String target = version != null ? version : settings.podinfoNextVersion();
      ChartAvailability.require(env, Podinfo.of(env), target)
          .ifPresent(note -> out().println("note: " + note));
      out().println("releasing podinfo " + releases.currentVersion() + " -> " + target);
      for (String cluster : env.clusters()) {
        out().printf("  %-12s before: %s%n", cluster, served(releases, cluster));
      }
      out().flush();
      Releases.Outcome outcome = releases.release(target);
      out().println("pushed commit " + outcome.commit().substring(0, 12));
      for (Map.Entry<String, Duration> e : outcome.latencyByCluster().entrySet()) {
        String cluster = e.getKey();
        out()
            .printf(
                "  %-12s rolled out in %5d ms (image %s; %s)%n",
                cluster,
                e.getValue().toMillis(),
                releases.image(cluster),
                served(releases, cluster));
      }
      return ExitCodes.OK;
    }
  }

  /** What podinfo answers on /version there, said as such; never a version where nothing runs. */
  private static String served(Releases releases, String cluster) {
    return releases.podsRun(cluster)
        ? "podinfo serves " + releases.served(cluster).orElse("nothing")
        : "no pods on this backend, so nothing serves";
  }
}
