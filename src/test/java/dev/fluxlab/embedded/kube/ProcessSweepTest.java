package dev.fluxlab.embedded.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSweepTest {
  @TempDir Path tmp;

  @Test
  void findsAndKillsWhatPointsIntoTheEnvironmentAndNothingOfANeighbour() throws Exception {
    Path env = Files.createDirectories(tmp.resolve("env"));
    Path neighbour = Files.createDirectories(tmp.resolve("env2"));
    ManagedProcess ours = sleeper(env);
    ManagedProcess theirs = sleeper(neighbour);
    try {
      assertThat(ProcessSweep.find(env)).extracting(ProcessHandle::pid).containsExactly(ours.pid());

      List<String> killed = ProcessSweep.kill(env);

      assertThat(killed).containsExactly("process " + ours.pid() + " (tail)");
      assertThat(ours.isAlive()).isFalse();
      assertThat(theirs.isAlive()).isTrue();
      assertThat(ProcessSweep.kill(env)).isEmpty();
    } finally {
      ours.close();
      theirs.close();
    }
  }

  /** A process labelled like a control-plane one: an argument that names a file in {@code dir}. */
  private static ManagedProcess sleeper(Path dir) throws java.io.IOException {
    Path data = Files.writeString(dir.resolve("data"), "");
    return ManagedProcess.start(
        "sleeper",
        List.of("tail", "-f", data.toString()),
        Map.of(),
        dir.resolve("logs/sleeper.log"));
  }
}
