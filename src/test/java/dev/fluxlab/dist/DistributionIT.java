package dev.fluxlab.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fluxlab.embedded.kube.KubeBinaries;
import dev.fluxlab.embedded.oci.RegistryBinary;
import dev.fluxlab.sops.SopsBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution on its own: {@code target/fluxlab-<version>.tar.gz} extracted into an
 * empty directory and run from there, in an empty working directory, without Maven, the source tree
 * or any fluxlab variable: what a user who downloads the archive gets.
 */
class DistributionIT {
  /** A whole embedded check (JVM start, deploy, convergence, teardown) takes about 30 s here. */
  private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(4);

  private static final Duration QUICK_TIMEOUT = Duration.ofMinutes(1);

  @TempDir static Path tmp;
  private static Path launcher;
  private static Path userRepo;

  @BeforeAll
  static void install() throws Exception {
    Path archive = Path.of(System.getProperty("fluxlab.dist.archive"));
    assertThat(archive).as("run mvn package first").isRegularFile();
    Path install = Files.createDirectories(tmp.resolve("install"));
    Run untar = run(install, QUICK_TIMEOUT, "tar", "xzf", archive.toString());
    assertThat(untar.exitCode()).as(untar.output()).isZero();
    launcher =
        install.resolve("fluxlab-" + System.getProperty("fluxlab.dist.version") + "/bin/fluxlab");
    // The user's repository: a copy of the example-consumer fixture, outside any fluxlab tree.
    userRepo = tmp.resolve("team-repo");
    copyTree(
        Path.of(System.getProperty("fluxlab.project.dir"), "fixtures", "example-consumer"),
        userRepo);
  }

  @Test
  void checkOfAUsersRepositoryPassesFromTheExtractedArchive() throws Exception {
    Path state = tmp.resolve("state");
    Run check =
        runFluxlab(
            CHECK_TIMEOUT,
            "check",
            "--repo",
            userRepo.toString(),
            "--path",
            "deploy/clusters/dev",
            "--set",
            "backend=embedded",
            "--set",
            "state.dir=" + state);

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output())
        .containsPattern("ks/flux-system/platform +True")
        .containsPattern("ks/flux-system/web +True")
        .contains("check passed: every Flux object is Ready");
    assertThat(listing(state)).as("teardown leaves nothing in the state directory").isEmpty();
  }

  @Test
  void aMissingClusterPathIsBadInputNamedInOneLine() throws Exception {
    Run check =
        runFluxlab(
            QUICK_TIMEOUT,
            "check",
            "--repo",
            userRepo.toString(),
            "--path",
            "clusters/nowhere",
            "--set",
            "backend=embedded",
            "--set",
            "state.dir=" + tmp.resolve("state-bad"));

    assertThat(check.exitCode()).as(check.output()).isEqualTo(2);
    assertThat(check.output().strip())
        .isEqualTo("fluxlab: --path clusters/nowhere: no such directory in " + userRepo);
  }

  @Test
  void versionNamesFluxlabAndTheComponentsItRuns() throws Exception {
    Run version = runFluxlab(QUICK_TIMEOUT, "--version");

    assertThat(version.exitCode()).as(version.output()).isZero();
    assertThat(version.output())
        .startsWith("fluxlab " + System.getProperty("fluxlab.dist.version") + "\n")
        .contains("Kubernetes", "Gitea", "Flux", "real-components");
  }

  @Test
  void theArchiveCarriesItsNotices() throws Exception {
    Path home = launcher.getParent().getParent();
    assertThat(home.resolve("NOTICE"))
        .content()
        .contains(System.getProperty("fluxlab.dist.version"));
    assertThat(home.resolve("THIRD-PARTY.txt"))
        .content()
        .contains("io.fabric8:kubernetes-client", "org.eclipse.jgit:org.eclipse.jgit");
    assertThat(home.resolve("fixtures/multi-cluster")).isDirectory();
    assertThat(home.resolve("scenarios/new-release.yaml")).isRegularFile();
  }

  /** Runs bin/fluxlab in an empty directory with only PATH and HOME from this environment. */
  private static Run runFluxlab(Duration timeout, String... args) throws Exception {
    Path cwd = Files.createTempDirectory(tmp, "cwd");
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    return run(cwd, timeout, command.toArray(String[]::new));
  }

  /**
   * A directory holding the three binaries by their plain names, as FLUXLAB_KUBE_BINARIES wants.
   */
  private static Path ownBinaries(KubeBinaries b) {
    Path dir = tmp.resolve("kube-binaries");
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
        Files.createSymbolicLink(dir.resolve("etcd"), b.etcd());
        Files.createSymbolicLink(dir.resolve("kube-apiserver"), b.apiServer());
        Files.createSymbolicLink(dir.resolve("kube-controller-manager"), b.controllerManager());
      }
      return dir;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Run run(Path cwd, Duration timeout, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("FLUXLAB_") || k.equals("JAVA_HOME"));
    env.put("FLUXLAB_CACHE", tmp.resolve("cache").toString());
    env.put("HOME", tmp.resolve("home").toString());
    // Building the embedded backend's binaries (a first run's 20 minutes) is not what this tests:
    // they are handed over the way a user passes their own.
    KubeBinaries.find().ifPresent(b -> env.put("FLUXLAB_KUBE_BINARIES", ownBinaries(b).toString()));
    SopsBinary.find().ifPresent(b -> env.put("FLUXLAB_SOPS", b.toString()));
    RegistryBinary.find().ifPresent(b -> env.put("FLUXLAB_REGISTRY", b.toString()));
    Path log = Files.createTempFile(tmp, "out", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          String.join(" ", command) + " did not finish within " + timeout + ":\n" + read(log));
    }
    return new Run(p.exitValue(), read(log));
  }

  private static String read(Path log) throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  private static List<Path> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private record Run(int exitCode, String output) {}
}
