package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files in a user's repository that Flux would not take as they are: each ends as a clear verdict
 * naming the file, never host content, never a wait for the timeout.
 */
class RepositoryFilesTest {
  private static final String HOST_SECRET = "host-only-content";
  private static final String GENERATOR =
      """
      apiVersion: kustomize.config.k8s.io/v1beta1
      kind: Kustomization
      configMapGenerator:
      - name: settings
        namespace: default
        files:
        - secret.txt
      """;

  @TempDir Path state;

  private CliRun check(Path repo) {
    return CliRun.of(
        "check",
        "--set",
        "state.dir=" + state,
        "--repo",
        repo.toString(),
        "--path",
        "clusters/dev");
  }

  @Test
  void aLinkLeavingTheRepositoryFailsTheKustomizationUsingItAndIsNeverRead(
      @TempDir Path repo, @TempDir Path outside) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(dir.resolve("kustomization.yaml"), GENERATOR);
    Files.createSymbolicLink(
        dir.resolve("secret.txt"), Files.writeString(outside.resolve("shadow"), HOST_SECRET));

    CliRun run = check(repo);

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .startsWith("fluxlab: Flux objects failed for good")
        .contains("Kustomization/flux-system/flux-system BuildFailed", "secret.txt");
    assertThat(run.out() + run.err()).doesNotContain(HOST_SECRET);
    assertThat(state).isEmptyDirectory();
  }

  @Test
  void aVeryLargeFileThatNothingUsesDoesNotTakeTheSourceDown(@TempDir Path repo)
      throws IOException {
    Path dir = Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(
        dir.resolve("app.yaml"),
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\n");
    // Above JGit's default streaming threshold (50 MiB), where whole-object reads give up.
    try (Writer w = Files.newBufferedWriter(repo.resolve("big.log"), StandardCharsets.UTF_8)) {
      String line = "x".repeat(1023) + "\n";
      for (int i = 0; i < 52 * 1024; i++) {
        w.write(line);
      }
    }

    CliRun run = check(repo);

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("gitrepo/flux-system/flux-system", "check passed");
  }

  /**
   * With a kustomization.yaml listing the file. (Without one, fluxlab generates it, and the
   * generator's own read of the file is KustomizeBuilder's to make tolerant.)
   */
  @Test
  void invalidUtf8InAManifestIsAFailureNamingTheFile(@TempDir Path repo) throws IOException {
    Path dir = Files.createDirectories(repo.resolve("clusters/dev"));
    Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- app.yaml\n");
    byte[] head =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n  namespace: default\ndata:\n  k: \""
            .getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF};
    byte[] tail = "\"\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
    Files.write(dir.resolve("app.yaml"), all);

    CliRun run = check(repo);

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.FAILURE);
    assertThat(run.err())
        .startsWith("fluxlab: Flux objects failed for good")
        .contains("Kustomization/flux-system/flux-system", "app.yaml");
    assertThat(state).isEmptyDirectory();
  }
}
