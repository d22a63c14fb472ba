package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** Both report files are checked before anything is deployed, with the same words. */
  @ParameterizedTest
  @ValueSource(strings = {"--html", "--junit"})
  void aReportInAMissingDirectoryIsRefusedBeforeTheRun(String flag) {
    Path report = state.resolve("no-such-dir/report");

    CliRun r = run(flag, report.toString(), "prune");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo(
            "fluxlab: "
                + flag
                + " "
                + report
                + ": directory "
                + state.resolve("no-such-dir")
                + " does not exist");
    assertThat(state.resolve("s")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--html", "--junit"})
  void aReportPathThatIsADirectoryIsRefused(String flag) {
    CliRun r = run(flag, state.toString(), "prune");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip())
        .isEqualTo("fluxlab: " + flag + " " + state + ": " + state + " is a directory");
    assertThat(state.resolve("s")).doesNotExist();
  }

  @Test
  void anHtmlReportUnderAFileIsRefused() throws Exception {
    Path file = java.nio.file.Files.writeString(state.resolve("plain.txt"), "x");

    CliRun r = run("--html", file.resolve("report.html").toString(), "prune");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().strip()).endsWith(": " + file + " is not a directory");
  }

  @Test
  void aJUnitReportInAnUnwritableDirectoryIsRefused() throws Exception {
    Path dir = java.nio.file.Files.createDirectory(state.resolve("read-only"));
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dir.toFile().setWritable(false, false) && !java.nio.file.Files.isWritable(dir),
        "permissions are not enforced for this user");
    try {
      CliRun r = run("--junit", dir.resolve("out.xml").toString(), "all");

      assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err().strip())
          .isEqualTo(
              "fluxlab: --junit "
                  + dir.resolve("out.xml")
                  + ": directory "
                  + dir
                  + " is not writable");
      assertThat(state.resolve("s")).doesNotExist();
    } finally {
      dir.toFile().setWritable(true, false);
    }
  }
}
