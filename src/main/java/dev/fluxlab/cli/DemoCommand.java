package dev.fluxlab.cli;

import dev.fluxlab.api.Backend;
import dev.fluxlab.api.Environment;
import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.config.Layout;
import dev.fluxlab.config.Settings;
import dev.fluxlab.ops.Convergence;
import dev.fluxlab.ops.DriftCheck;
import dev.fluxlab.ops.Podinfo;
import dev.fluxlab.ops.Releases;
import dev.fluxlab.ops.Scenarios;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.scenario.Scenario;
import dev.fluxlab.scenario.ScenarioLoader;
import dev.fluxlab.scenario.ScenarioRunner;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(
    name = "demo",
    description =
        "The whole story in one go: deploy -> new-release -> drift -> (multi-tenancy: isolation"
            + " check) -> status -> teardown, each phase timed.")
final class DemoCommand extends EnvCommand {
  @Override
  public Integer call() {
    Settings settings = settings();
    Backend backend = Backends.select(settings, out());
    long start = System.nanoTime();
    out().println("== deploy");
    Environment env = InProcessDeploy.run(settings, SeedPlan.fixture(settings), backend, out());
    try {
      out().println();
      out()
          .println(
              "== new-release: podinfo "
                  + settings.podinfoStartVersion()
                  + " -> "
                  + settings.podinfoNextVersion());
      Releases releases = new Releases(env, Podinfo.of(env), settings.readyTimeout());
      Releases.Outcome release = releases.release(settings.podinfoNextVersion());
      print("rolled out in", release.latencyByCluster());
      out().println();
      out().println("== drift: scale podinfo to 0 and edit its ConfigMap by hand");
      print("restored in", new DriftCheck(env, Podinfo.of(env), settings.readyTimeout()).run());
      if (settings.layout() == Layout.MULTI_TENANCY) {
        out().println();
        out().println("== isolation: the tenant tries to write outside its namespace");
        Scenario isolation = new ScenarioLoader(settings).load(Scenarios.find("tenant-isolation"));
        if (!new ScenarioRunner(env, settings.readyTimeout(), progress()).run(isolation).passed()) {
          throw new FluxLabException("the tenant isolation check failed (see the steps above)");
        }
      }
      out().println();
      out().println("== status");
      StatusTable.print(out(), Convergence.snapshot(env));
    } finally {
      out().println();
      out().println("== teardown");
      long t = System.nanoTime();
      env.close();
      Teardown.run(settings.stateDir(), settings.envName());
      out()
          .printf(
              "  removed environment '%s' in %d ms%n",
              settings.envName(), (System.nanoTime() - t) / 1_000_000);
    }
    out().printf("demo finished in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    return ExitCodes.OK;
  }

  private void print(String what, Map<String, Duration> latency) {
    latency.forEach(
        (cluster, d) -> out().printf("  %-12s %s %5d ms%n", cluster, what, d.toMillis()));
    out().flush();
  }
}
