package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.api.Environment;
import dev.fluxlab.config.Settings;
import dev.fluxlab.embedded.EmbeddedBackend;
import dev.fluxlab.embedded.PodinfoCharts;
import dev.fluxlab.ops.ClusterPaths;
import dev.fluxlab.ops.Deployer;
import dev.fluxlab.ops.Fixtures;
import dev.fluxlab.ops.SeedPlan;
import dev.fluxlab.ops.Teardown;
import dev.fluxlab.ops.TestEnvironments;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository laid out like Flux's flux2-kustomize-helm-example of today, whose chart comes from
 * the environment's OCI registry through an OCIRepository and {@code HelmRelease.spec.chartRef},
 * passes {@code check} with each cluster's overlay applied.
 */
class KustomizeHelmExampleTest {
  private static final Path REPO = Fixtures.get("kustomize-helm-example");

  @TempDir Path state;

  @Test
  void checkConvergesBothClustersWithTheirOwnChartVersions() {
    CliRun run =
        CliRun.of(
            "check",
            "--set",
            "state.dir=" + state,
            "--repo",
            REPO.toString(),
            "--path",
            "clusters/staging",
            "--path",
            "clusters/production");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .as(run.out())
        .containsPattern("staging +ks/flux-system/infra-configs +True")
        .containsPattern("production +ks/flux-system/apps +True")
        // The staging overlay's semver ref picks the newest chart tag; production stays on the
        // base's tag. The chart version carries the artifact digest as build metadata.
        .containsPattern("staging +ocirepo/flux-system/podinfo +True +false +6\\.9\\.1@sha256:")
        .containsPattern("production +ocirepo/flux-system/podinfo +True +false +6\\.9\\.0@sha256:")
        .containsPattern("staging +hr/podinfo/podinfo +True +false +6\\.9\\.1\\+[0-9a-f]{12}")
        .containsPattern("production +hr/podinfo/podinfo +True +false +6\\.9\\.0\\+[0-9a-f]{12}")
        .contains("check passed: every Flux object is Ready");
    assertThat(state).isEmptyDirectory();
  }

  /** What check cannot show: the values each cluster's overlay patched into the HelmRelease. */
  @Test
  void eachClusterRunsTheChartWithItsOverlaysValues() {
    Settings settings =
        TestEnvironments.settings(state, "env.name=khe", "clusters=staging,production");
    SeedPlan plan =
        SeedPlan.userRepository(
            REPO,
            ClusterPaths.parse(REPO, List.of("clusters/staging", "clusters/production"), null));
    try (Environment env =
        new Deployer(
                new EmbeddedBackend("kubectl", new PodinfoCharts(), Map.of()),
                settings,
                plan,
                line -> {})
            .deploy()) {
      Deployment staging = podinfo(env, "staging");
      Deployment production = podinfo(env, "production");

      assertThat(staging.getSpec().getReplicas()).isEqualTo(1);
      assertThat(uiMessage(staging)).isEqualTo("staging");
      assertThat(staging.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .endsWith(":6.9.1");
      assertThat(production.getSpec().getReplicas()).isEqualTo(2);
      assertThat(uiMessage(production)).isEqualTo("production");
      assertThat(production.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
          .endsWith(":6.9.0");
    } finally {
      Teardown.run(state, "khe");
    }
  }

  private static Deployment podinfo(Environment env, String cluster) {
    Deployment d =
        env.client(cluster).apps().deployments().inNamespace("podinfo").withName("podinfo").get();
    assertThat(d).as("Deployment podinfo/podinfo on " + cluster).isNotNull();
    return d;
  }

  private static String uiMessage(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getName().equals("PODINFO_UI_MESSAGE"))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }
}
