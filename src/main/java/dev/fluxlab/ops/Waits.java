package dev.fluxlab.ops;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.util.GoDuration;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Waiting for a condition with a timeout; the failure says what was awaited and what was seen. */
public final class Waits {
  /** Fast enough to measure sub-second latencies; cheap on an in-JVM API server. */
  public static final Duration POLL = Duration.ofMillis(10);

  private Waits() {}

  /**
   * @param what "HelmRelease podinfo/podinfo to show 6.9.1"
   * @param lastSeen what to report when it does not happen in time
   */
  public static void until(
      String what, Duration timeout, Callable<Boolean> condition, Supplier<String> lastSeen) {
    try {
      await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(POLL).until(condition);
    } catch (ConditionTimeoutException e) {
      throw new FluxLabException(
          "timed out after "
              + GoDuration.format(timeout)
              + " waiting for "
              + what
              + "; last seen: "
              + lastSeen.get());
    }
  }
}
