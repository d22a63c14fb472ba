package dev.fluxlab.embedded.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A template builder killed with its JVM leaves etcd and kube-apiserver running under its build
 * directory; nothing else would ever stop them.
 */
class EtcdTemplatesTest {
  @TempDir Path tmp;

  @Test
  void stopsTheProcessesOfABuilderThatDiedWithItsJvmAndRemovesItsDirectory() throws Exception {
    Path root = tmp.resolve("templates");
    Path build = Files.createDirectories(root.resolve(".build-1234"));
    // Stands in for a builder's etcd: its arguments point into the build directory.
    Path log = Files.writeString(build.resolve("etcd.log"), "");
    Process orphan = new ProcessBuilder("tail", "-f", log.toString()).start();
    try {
      List<String> stopped = new EtcdTemplates(root).sweepStaleBuildersIfIdle();

      assertThat(orphan.waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
      assertThat(stopped).singleElement().asString().contains("process " + orphan.pid());
      assertThat(build).doesNotExist();
    } finally {
      orphan.destroyForcibly();
    }
  }

  @Test
  void copiesTheDataWithZerosAsHolesAndTheSameBytes() throws Exception {
    Path from = tmp.resolve("wal");
    byte[] data = new byte[3 * 64 * 1024 + 10];
    data[5] = 1;
    data[2 * 64 * 1024 + 3] = 7;
    Files.write(from, data);
    Path to = tmp.resolve("copy");

    EtcdTemplate.copySparse(from, to);

    assertThat(Files.readAllBytes(to)).isEqualTo(data);
  }
}
