package dev.fluxlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What deploy says about its background process when that process does not report Ready. */
class DetachedDeployRelayTest {
  @Test
  void aKilledBackgroundProcessIsReportedWithItsSignalAndWhatToDo() throws Exception {
    StringWriter out = new StringWriter();
    Process killed = new ProcessBuilder("sh", "-c", "echo starting; kill -9 $$").start();

    assertThatThrownBy(
            () -> DetachedDeploy.relay(killed, Settings.defaults(), new PrintWriter(out, true)))
        .isInstanceOf(FluxLabException.class)
        .hasMessage(
            "the background fluxlab process "
                + killed.pid()
                + " was killed by signal 9 before the environment was Ready; `fluxlab teardown`"
                + " removes what it left");
    assertThat(out.toString()).contains("starting");
  }

  @Test
  void aFailedBackgroundProcessPassesOnItsExitCodeAfterItsOwnMessage() throws Exception {
    StringWriter out = new StringWriter();
    Process failed = new ProcessBuilder("sh", "-c", "echo 'fluxlab: bad input'; exit 2").start();

    int code = DetachedDeploy.relay(failed, Settings.defaults(), new PrintWriter(out, true));

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(out.toString()).contains("fluxlab: bad input");
  }
}
