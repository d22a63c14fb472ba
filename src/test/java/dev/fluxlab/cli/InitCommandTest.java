package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.ops.Fixtures;
import dev.fluxlab.util.Yaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fluxlab init in a team's repository: from nothing to a scenario and CI file that pass. */
class InitCommandTest {
  @TempDir Path repo;
  @TempDir Path state;

  @BeforeEach
  void teamRepository() throws IOException {
    Path from = Fixtures.get("example-consumer");
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = repo.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  @Test
  void theStarterScenarioWaitsForEveryFluxObjectOfThePathAndPasses() {
    CliRun init =
        CliRun.of(
            "init", "--dir", repo.toString(), "--ci", "gitlab", "--path", "deploy/clusters/dev");

    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);
    assertThat(init.out()).contains("wrote fluxlab/smoke.yaml", "wrote .gitlab-ci.yml");
    assertThat(repo.resolve("fluxlab/smoke.yaml"))
        .content()
        .contains(
            "  - wait:\n      kind: Kustomization\n      namespace: flux-system\n      name: platform\n",
            "      name: web\n      ready: true\n");

    CliRun run =
        CliRun.of(
            "run",
            "--set",
            "backend=embedded",
            "--set",
            "state.dir=" + state,
            "--repo",
            repo.toString(),
            "--path",
            "deploy/clusters/dev",
            repo.resolve("fluxlab/smoke.yaml").toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("1 passed, 0 failed");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGitlabJobRunsFluxlabCiOnThePathAndKeepsJunitReports() throws IOException {
    CliRun init =
        CliRun.of(
            "init", "--dir", repo.toString(), "--ci", "gitlab", "--path", "deploy/clusters/dev");
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);

    Map<String, Object> job =
        (Map<String, Object>)
            Yaml.documents(Files.readString(repo.resolve(".gitlab-ci.yml"))).get(0).get("fluxlab");
    assertThat(job.get("script")).isEqualTo(List.of("fluxlab-ci"));
    assertThat((Map<String, Object>) job.get("variables"))
        .containsEntry("FLUXLAB_PATH", "deploy/clusters/dev")
        .containsEntry("FLUXLAB_SCENARIOS", "fluxlab/smoke.yaml");
    assertThat(job.get("artifacts").toString()).contains("junit=fluxlab-reports/*.xml");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGithubWorkflowUsesTheActionWithThePathAndScenario() throws IOException {
    CliRun init =
        CliRun.of(
            "init",
            "--dir",
            repo.toString(),
            "--ci",
            "github",
            "--path",
            "deploy/clusters/dev",
            "--action",
            "acme/fluxlab@v1");
    assertThat(init.exitCode()).as(init.err()).isEqualTo(ExitCodes.OK);

    Map<String, Object> workflow =
        Yaml.documents(Files.readString(repo.resolve(".github/workflows/fluxlab.yml"))).get(0);
    Map<String, Object> job =
        (Map<String, Object>) ((Map<String, Object>) workflow.get("jobs")).get("fluxlab");
    Map<String, Object> step = ((List<Map<String, Object>>) job.get("steps")).get(1);
    assertThat(step)
        .containsEntry("uses", "acme/fluxlab@v1")
        .containsEntry("with", Map.of("path", "deploy/clusters/dev", "scenarios", SCENARIO));
  }

  @Test
  void existingFilesAreNotOverwrittenAndNothingIsWritten() throws IOException {
    Files.writeString(repo.resolve(".gitlab-ci.yml"), "stages: [build]\n");

    CliRun init =
        CliRun.of(
            "init", "--dir", repo.toString(), "--ci", "gitlab", "--path", "deploy/clusters/dev");

    assertThat(init.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(init.err().strip())
        .isEqualTo("fluxlab: .gitlab-ci.yml exists already in " + repo + " (--force overwrites)");
    assertThat(repo.resolve(".gitlab-ci.yml")).hasContent("stages: [build]\n");
    assertThat(repo.resolve("fluxlab")).doesNotExist();
  }

  @Test
  void withoutPathAndWithoutClustersDirectoryTheUserIsAskedForIt() {
    CliRun init = CliRun.of("init", "--dir", repo.toString(), "--ci", "gitlab");

    assertThat(init.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(init.err().strip())
        .isEqualTo(
            "fluxlab: --path: give the cluster directory Flux syncs (there is no clusters/<name> in "
                + repo
                + ")");
  }

  @Test
  void githubNeedsToKnowWhereTheActionLives() {
    CliRun init =
        CliRun.of(
            "init", "--dir", repo.toString(), "--ci", "github", "--path", "deploy/clusters/dev");

    assertThat(init.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(init.err()).startsWith("fluxlab: --ci github needs --action OWNER/REPO@REF");
    assertThat(repo.resolve("fluxlab")).doesNotExist();
  }

  private static final String SCENARIO = InitCommand.SCENARIO;
}
