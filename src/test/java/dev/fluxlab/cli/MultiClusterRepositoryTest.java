package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.ops.Fixtures;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's repository with several clusters: one per {@code --path}, or {@code --all-clusters}. */
class MultiClusterRepositoryTest {
  @TempDir Path state;

  @Test
  void checkSyncsOneClusterPerPathUnderTheNamesGiven() {
    CliRun run =
        CliRun.of(
            "check",
            "--set",
            "state.dir=" + state,
            "--repo",
            Fixtures.get("multi-cluster").toString(),
            "--path",
            "stage=clusters/staging",
            "--path",
            "clusters/production");

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out())
        .contains("(stage, production)")
        .containsPattern("stage +ks/flux-system/apps")
        .containsPattern("production +ks/flux-system/apps")
        .contains("check passed: every Flux object is Ready");
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void aPathWithoutARepositoryIsAUsageError() {
    CliRun run = CliRun.of("check", "--set", "state.dir=" + state, "--all-clusters", "clusters");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).isEqualTo("fluxlab: --all-clusters needs --repo\n");
  }
}
