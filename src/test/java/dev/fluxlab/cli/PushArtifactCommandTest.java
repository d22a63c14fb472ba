package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code push artifact} refuses bad input in one line naming the flag, before any push. */
class PushArtifactCommandTest {
  @TempDir Path tmp;
  private Path dir;

  @BeforeEach
  void manifests() throws IOException {
    dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(dir.resolve("cm.yaml"), "kind: ConfigMap\n");
  }

  private CliRun push(String url, String... more) {
    String[] base = {
      "push", "artifact", url, "--set", "state.dir=" + tmp, "--path", dir.toString(),
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return CliRun.of(args);
  }

  @Test
  void aUrlWithoutATagIsRefusedNamingTheUrl() {
    CliRun run = push("oci://fluxlab-registry:5000/apps", "--source", "s", "--revision", "r");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo(
            "fluxlab: URL oci://fluxlab-registry:5000/apps: has no tag (oci://host/repo:tag)");
  }

  @Test
  void aMissingSourceIsRefusedNamingTheFlag() {
    CliRun run = push("oci://fluxlab-registry:5000/apps:v1", "--revision", "r");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().lines().findFirst().orElse("")).contains("--source");
  }

  @Test
  void aPathThatIsNoDirectoryIsRefusedNamingTheFlag() {
    CliRun run =
        CliRun.of(
            "push",
            "artifact",
            "oci://fluxlab-registry:5000/apps:v1",
            "--set",
            "state.dir=" + tmp,
            "--path",
            dir.resolve("cm.yaml").toString(),
            "--source",
            "s",
            "--revision",
            "r");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo("fluxlab: --path " + dir.resolve("cm.yaml") + ": not a directory");
  }

  @Test
  void anAnnotationWithoutValueIsRefusedNamingTheFlag() {
    CliRun run =
        push("oci://fluxlab-registry:5000/apps:v1", "--source", "s", "--revision", "r", "-a", "k");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err().strip())
        .isEqualTo("fluxlab: --annotations k: must be in the format key=value");
  }

  @Test
  void anEnvironmentWithoutRegistryIsAOneLineFailure() {
    CliRun run = push("oci://fluxlab-registry:5000/apps:v1", "--source", "s", "--revision", "r");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).contains("has no OCI registry");
  }
}
