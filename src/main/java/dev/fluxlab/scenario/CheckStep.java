package dev.fluxlab.scenario;

import static org.awaitility.Awaitility.await;

import dev.fluxlab.api.FluxLabException;
import dev.fluxlab.ops.Waits;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs {@code wait}, {@code assert} and {@code error} steps: an expectation about live objects that
 * must hold (now, or within the timeout), or must not, and with {@code during} keep so.
 */
final class CheckStep {
  private final ObjectProbe probe;

  CheckStep(ObjectProbe probe) {
    this.probe = probe;
  }

  void run(List<String> clusters, Action.Check check, Duration timeout) {
    for (String c : clusters) {
      if (check.negated()) {
        refute(c, check);
        continue;
      }
      String what = check.target() + " on " + c + " to be " + check.expectation().describe();
      if (check.waitFor()) {
        Waits.until(
            what,
            timeout,
            () -> probe.mismatch(c, check.target(), check.expectation()) == null,
            () -> probe.mismatch(c, check.target(), check.expectation()));
      } else {
        String mismatch = probe.mismatch(c, check.target(), check.expectation());
        if (mismatch != null) {
          throw new FluxLabException("expected " + what + ", but " + mismatch);
        }
      }
      if (check.during() != null) {
        try {
          await()
              .during(check.during())
              .atMost(check.during().plusSeconds(5))
              .pollInterval(Waits.POLL)
              .until(() -> probe.mismatch(c, check.target(), check.expectation()) == null);
        } catch (ConditionTimeoutException e) {
          throw new FluxLabException(
              "expected "
                  + what
                  + " for "
                  + check.during().toMillis()
                  + " ms, but "
                  + probe.mismatch(c, check.target(), check.expectation()));
        }
      }
    }
  }

  /** {@code error}: no target object is in the state now (and, with during, for that long). */
  private void refute(String cluster, Action.Check check) {
    String what =
        "no " + check.target() + " on " + cluster + " to be " + check.expectation().describe();
    String hit = probe.unwanted(cluster, check.target(), check.expectation());
    if (hit == null && check.during() != null) {
      try {
        await()
            .during(check.during())
            .atMost(check.during().plusSeconds(5))
            .pollInterval(Waits.POLL)
            .until(() -> probe.unwanted(cluster, check.target(), check.expectation()) == null);
      } catch (ConditionTimeoutException e) {
        String now = probe.unwanted(cluster, check.target(), check.expectation());
        hit =
            now != null
                ? now
                : "it was so for a moment during " + check.during().toMillis() + " ms";
      }
    }
    if (hit != null) {
      throw new FluxLabException("expected " + what + ", but " + hit);
    }
  }
}
