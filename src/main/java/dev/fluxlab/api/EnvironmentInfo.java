package dev.fluxlab.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fluxlab.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything another process needs to reach a running environment, written to {@code
 * <state.dir>/<name>/environment.json}: the git server, the per-cluster kubeconfigs and the process
 * that owns the environment. Holds no secret (the credentials are in their own 0600 file).
 *
 * @param gitUrl git server base URL as seen from this machine
 * @param gitUrlInCluster the same server as the clusters' Flux controllers reach it
 * @param chartUrlInCluster the Helm repository serving the fixture charts, as clusters reach it
 * @param repositories owner/name of the repositories fluxlab seeded
 * @param kubeconfigs cluster name to kubeconfig file
 * @param ownerPid the process that runs the environment (embedded backend), or 0
 * @param ownerStartedAt that process's start time: with the PID it identifies the process even
 *     after the PID was reused
 * @param state STARTING, READY or FAILED
 * @param error the reason when FAILED
 */
public record EnvironmentInfo(
    String name,
    String backend,
    String layout,
    String gitUrl,
    String gitUrlInCluster,
    String chartUrlInCluster,
    String gitOwner,
    List<String> repositories,
    Map<String, String> kubeconfigs,
    String credentialsFile,
    long ownerPid,
    String ownerStartedAt,
    String createdAt,
    String state,
    String error) {

  public static final String FILE = "environment.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          // A newer fluxlab may add fields; an older one can still tear the environment down.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public EnvironmentInfo {
    repositories = List.copyOf(repositories);
    kubeconfigs = new LinkedHashMap<>(kubeconfigs);
  }

  /** Where the environment's git server and charts are reached, from the host and from a pod. */
  public record GitEndpoints(String gitUrl, String gitUrlInCluster, String chartUrlInCluster) {
    /** Nothing started yet: written before anything is created, so teardown knows what to sweep. */
    public static final GitEndpoints NONE = new GitEndpoints("", "", "");
  }

  /**
   * A new environment that this process owns, created now, with no repository seeded yet. The
   * owner's start time goes with its pid, so teardown never signals a process that reused the pid.
   */
  public static EnvironmentInfo ownedByThisProcess(
      Settings settings,
      String backend,
      GitEndpoints git,
      Map<String, String> kubeconfigs,
      String credentialsFile) {
    return new EnvironmentInfo(
        settings.envName(),
        backend,
        settings.layout().id(),
        git.gitUrl(),
        git.gitUrlInCluster(),
        git.chartUrlInCluster(),
        settings.gitOwner(),
        List.of(),
        kubeconfigs,
        credentialsFile,
        ProcessHandle.current().pid(),
        currentProcessStart(),
        Instant.now().toString(),
        "STARTING",
        null);
  }

  /** This environment, Ready, with the repositories that were seeded into it. */
  public EnvironmentInfo ready(List<String> seededRepositories) {
    return new EnvironmentInfo(
        name,
        backend,
        layout,
        gitUrl,
        gitUrlInCluster,
        chartUrlInCluster,
        gitOwner,
        seededRepositories,
        kubeconfigs,
        credentialsFile,
        ownerPid,
        ownerStartedAt,
        createdAt,
        "READY",
        null);
  }

  /** The start time of this process, as recorded in {@code ownerStartedAt}. */
  public static String currentProcessStart() {
    return ProcessHandle.current().info().startInstant().map(Object::toString).orElse("");
  }

  @JsonIgnore
  public boolean isReady() {
    return "READY".equals(state);
  }

  /** Writes atomically, so a reader never sees half a file. */
  public void write(Path envDir) {
    try {
      Files.createDirectories(envDir);
      Path tmp = envDir.resolve(FILE + ".tmp");
      JSON.writeValue(tmp.toFile(), this);
      Files.move(
          tmp,
          envDir.resolve(FILE),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + envDir.resolve(FILE), e);
    }
  }

  /** Reads the file of an environment directory; null when there is none. */
  public static EnvironmentInfo read(Path envDir) {
    Path file = envDir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    try {
      return JSON.readValue(file.toFile(), EnvironmentInfo.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
