package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad run options are refused at once, before any environment is deployed. */
class RunCommandTest {
  @TempDir Path state;

  private CliRun run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "run";
    all[1] = "--set=state.dir=" + state.resolve("s");
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.of(all);
  }

  @Test
  void parallelMustBePositive() {
    CliRun r = run("--parallel", "0", "prune");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip()).isEqualTo("fluxlab: --parallel must be at least 1, not 0");
    assertThat(state.resolve("s")).doesNotExist();
  }

  @Test
  void parallelRunsNeedFreshEnvironments() {
    CliRun r = run("--attach", "--parallel", "2", "prune");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--parallel needs fresh environments");
  }

  @Test
  void aShardOutOfRangeIsNamed() {
    CliRun r = run("--shard", "3/2", "all");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo("fluxlab: --shard '3/2': give I/N with 1 <= I <= N (for example 2/4)");
  }
}
