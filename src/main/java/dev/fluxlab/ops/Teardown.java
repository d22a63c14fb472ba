package dev.fluxlab.ops;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.EnvironmentInfo;
import dev.fluxlab.docker.DockerBackend;
import dev.fluxlab.docker.DockerEngine;
import dev.fluxlab.docker.DockerSweep;
import dev.fluxlab.docker.ExistingClusterCleanup;
import dev.fluxlab.embedded.kube.EtcdTemplates;
import dev.fluxlab.embedded.kube.ProcessSweep;
import dev.fluxlab.util.Files2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Removes an environment completely: stops the process that runs it (if it is another process and
 * still alive) and deletes its state directory (credentials, kubeconfigs, repositories, artifacts).
 * Works from the state directory alone, so it also cleans up after {@code kill -9}; running it
 * twice is a no-op.
 */
public final class Teardown {
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /** How often the stop request is repeated while the owner is still there. */
  private static final Duration RESEND_TERM = Duration.ofMillis(200);

  private Teardown() {}

  /** What was removed, one line per item; empty when there was nothing. */
  public static List<String> run(Path stateDir, String name) {
    List<String> removed = removeEnvironment(stateDir, name);
    Path diagnostics = diagnosticsDir(stateDir, name);
    if (Files.exists(diagnostics)) {
      removeDirectory(diagnostics);
      removed.add("diagnostics " + diagnostics);
    }
    return removed;
  }

  /**
   * Tears down after a failed deploy: everything but the diagnostics folder that explains the
   * failure (its path was just printed), which the next teardown of that name removes.
   */
  public static List<String> afterFailedDeploy(Path stateDir, String name) {
    return removeEnvironment(stateDir, name);
  }

  private static List<String> removeEnvironment(Path stateDir, String name) {
    Path envDir = stateDir.resolve(name);
    List<String> removed = new ArrayList<>();
    EnvironmentInfo info = Files.exists(envDir) ? readQuietly(envDir) : null;
    if (info != null && info.ownerPid() > 0 && info.ownerPid() != ProcessHandle.current().pid()) {
      Optional<ProcessHandle> owner = ProcessHandle.of(info.ownerPid());
      if (owner.isPresent() && owner.get().isAlive() && isOwner(owner.get(), info)) {
        boolean orderly = stop(owner.get(), envDir);
        removed.add(
            "process "
                + info.ownerPid()
                + " ("
                + info.backend()
                + " environment"
                + (orderly
                    ? ")"
                    : "; killed: it did not stop on SIGTERM within "
                        + STOP_GRACE.toSeconds()
                        + " s)"));
      }
    }
    // Containers outlive a killed owner: sweep them by label. Skipped for environments known to be
    // embedded, which never touch Docker; done when there is no state at all, in case it was lost.
    boolean mayHaveContainers = info == null || DockerBackend.ID.equals(info.backend());
    if (mayHaveContainers) {
      // Existing clusters first, while their kubeconfigs are still in the state directory.
      removed.addAll(ExistingClusterCleanup.run(envDir, name));
      if (DockerEngine.isReachable()) {
        removed.addAll(DockerSweep.remove(DockerEngine.client(), name));
      }
    }
    // Control-plane processes of embedded clusters outlive a killed owner too: they are labelled by
    // the state directory their arguments point into.
    removed.addAll(ProcessSweep.kill(envDir));
    // So do those of an etcd template's builder killed with its JVM (none while a build runs).
    removed.addAll(EtcdTemplates.inCache().sweepStaleBuildersIfIdle());
    if (Files.exists(envDir)) {
      removeDirectory(envDir);
      removed.add("state directory " + envDir);
    }
    return removed;
  }

  /**
   * Where a failed deploy leaves its diagnostics: beside the state directory, which the failure
   * removes, until the next teardown of that name.
   */
  public static Path diagnosticsDir(Path stateDir, String name) {
    return stateDir.resolve(name + ".diagnostics");
  }

  /** Deletes an environment directory. */
  public static void removeDirectory(Path envDir) {
    Files2.deleteRecursively(envDir);
  }

  private static EnvironmentInfo readQuietly(Path envDir) {
    try {
      return EnvironmentInfo.read(envDir);
    } catch (RuntimeException e) {
      return null; // a torn file still leaves a directory to delete
    }
  }

  /**
   * Guards against a recycled PID: only the process that wrote the environment file is stopped,
   * recognised by its start time (the command line is no help: Linux shows only its first 4 KiB).
   */
  private static boolean isOwner(ProcessHandle p, EnvironmentInfo info) {
    String started = p.info().startInstant().map(Object::toString).orElse("");
    return !started.isEmpty() && started.equals(info.ownerStartedAt());
  }

  /**
   * Asks the owner to stop (SIGTERM, repeated until it is heard: its shutdown hook deletes the
   * state directory and closes the servers) and waits until it has done so. The process itself may
   * take another second or two to vanish (with Helm's Go library loaded the kernel is slow to tear
   * it down), which is not waited for: nothing of the environment is left by then.
   *
   * @return false when it had to be killed (SIGKILL) instead
   */
  private static boolean stop(ProcessHandle p, Path envDir) {
    try {
      await()
          .atMost(STOP_GRACE)
          .pollDelay(Duration.ZERO)
          .pollInterval(RESEND_TERM)
          .until(
              () -> {
                if (!p.isAlive() || !Files.exists(envDir)) {
                  return true;
                }
                // Again and again: a SIGTERM that arrives while Helm's Go code runs is taken by
                // Go's runtime and lost; the next one, after the call, reaches the JVM.
                p.destroy();
                return false;
              });
      return true;
    } catch (ConditionTimeoutException e) {
      p.destroyForcibly();
      return false;
    }
  }
}
