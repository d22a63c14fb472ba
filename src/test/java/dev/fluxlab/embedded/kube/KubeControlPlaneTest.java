package dev.fluxlab.embedded.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.FluxLabException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port drawn free is taken only when the process binds it: another process may bind it first. The
 * control plane must then start on fresh ports, not fail the environment.
 */
class KubeControlPlaneTest {
  @TempDir Path tmp;

  @Test
  void startsOnFreshPortsWhenEtcdLosesItsPortToAnotherProcess() throws Exception {
    try (ServerSocket squatter = squat()) {
      AtomicInteger drawn = new AtomicInteger();
      // The first port drawn (etcd's client port) is bound by someone else by the time etcd starts.
      IntSupplier ports =
          () -> drawn.getAndIncrement() == 0 ? squatter.getLocalPort() : FreePort.pick();
      Path dir = tmp.resolve("cluster");

      try (KubeControlPlane plane =
              KubeControlPlane.start("race", KubeBinaries.locate(), dir, ports);
          var client = plane.adminClient()) {
        assertThat(client.namespaces().withName("default").get()).isNotNull();
        assertThat(Files.readString(dir.resolve("logs/etcd.log")))
            .contains("address already in use");
      }
      assertThat(ProcessSweep.find(dir)).isEmpty();
    }
  }

  @Test
  void saysWhichProcessLostItsPortWhenEveryAttemptDoes() throws Exception {
    try (ServerSocket squatter = squat()) {
      Path dir = tmp.resolve("cluster");

      assertThatThrownBy(
              () ->
                  KubeControlPlane.start(
                      "race", KubeBinaries.locate(), dir, squatter::getLocalPort))
          .isInstanceOf(FluxLabException.class)
          .hasMessageContaining("etcd of cluster race exited during start-up (exit code")
          .hasMessageContaining("address already in use")
          .hasMessageContaining("3 attempts on fresh ports");
      assertThat(ProcessSweep.find(dir)).isEmpty();
    }
  }

  private static ServerSocket squat() throws java.io.IOException {
    return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }
}
