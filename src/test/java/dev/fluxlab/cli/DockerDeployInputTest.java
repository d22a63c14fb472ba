package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fluxlab.docker.DockerEngine;
import dev.fluxlab.docker.DockerLabels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A docker deploy that cannot have its images fails at once, naming the setting, leaving nothing.
 */
class DockerDeployInputTest {
  @TempDir Path state;

  @ParameterizedTest
  @ValueSource(strings = {"image.gitea", "image.registry"})
  void anImageThatIsNeitherLocalNorPullableIsAOneLineSettingsErrorAndLeavesNothing(String setting) {
    assumeTrue(DockerEngine.isReachable(), "no Docker engine reachable");
    String image = "fluxlab-local/no-such-image:0";
    CliRun deploy =
        CliRun.of(
            "deploy",
            "--set",
            "state.dir=" + state,
            "--set",
            "backend=docker",
            "--set",
            setting + "=" + image,
            "--name",
            "noimage");

    assertThat(deploy.exitCode()).as(deploy.out() + deploy.err()).isEqualTo(ExitCodes.USAGE);
    // The background process's output (its error included) is relayed on stdout.
    assertThat((deploy.out() + deploy.err()).lines())
        .filteredOn(line -> line.contains(setting + "=" + image))
        .singleElement()
        .asString()
        .contains("not present in the local Docker engine and not pullable");
    assertThat(state.resolve("noimage")).doesNotExist();
    assertThat(
            DockerEngine.client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(DockerLabels.ENV + "=noimage"))
                .exec())
        .isEmpty();
  }
}
