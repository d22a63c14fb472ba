package dev.fluxlab.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartLogsTest {
  @TempDir Path tmp;

  @Test
  void keepsEveryLogUnderItsOwnPathAndNothingElse() throws Exception {
    Path env = tmp.resolve("env");
    Path etcdLog = env.resolve("clusters/staging/kube/logs/etcd.log");
    Files.createDirectories(etcdLog.getParent());
    Files.writeString(etcdLog, "bind: address already in use\n");
    Files.writeString(env.resolve("clusters/staging/kube/admin.kubeconfig"), "token: secret\n");
    Path kept = tmp.resolve("env.diagnostics");

    assertThat(StartLogs.keep(env, kept)).isEqualTo(1);

    assertThat(kept.resolve("clusters/staging/kube/logs/etcd.log"))
        .hasContent("bind: address already in use");
    assertThat(kept.resolve("clusters/staging/kube/admin.kubeconfig")).doesNotExist();
  }

  @Test
  void keepsNothingOfAnEnvironmentThatIsGone() {
    assertThat(StartLogs.keep(tmp.resolve("gone"), tmp.resolve("kept"))).isZero();
    assertThat(tmp.resolve("kept")).doesNotExist();
  }
}
