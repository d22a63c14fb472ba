package dev.fluxlab.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacedPollingTest {
  private final AtomicLong clock = new AtomicLong();
  private final PacedPolling pace =
      new PacedPolling(Duration.ofMillis(25), Duration.ofSeconds(1), 4, clock::get);

  @Test
  void aCheapCheckIsPolledAtTheMinimum() throws Exception {
    check(Duration.ofMillis(2));
    assertThat(pace.next(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(25));
  }

  @Test
  void anExpensiveCheckWaitsFourTimesAsLongAsItTook() throws Exception {
    check(Duration.ofMillis(120));
    assertThat(pace.next(2, Duration.ofMillis(25))).isEqualTo(Duration.ofMillis(480));
  }

  @Test
  void theWaitIsCappedAndFollowsTheLastCheckOnly() throws Exception {
    check(Duration.ofSeconds(3));
    assertThat(pace.next(3, Duration.ZERO)).isEqualTo(Duration.ofSeconds(1));
    check(Duration.ofMillis(10));
    assertThat(pace.next(4, Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void aFailingCheckIsTimedToo() {
    assertThatThrownBy(
            () ->
                pace.timed(
                        () -> {
                          clock.addAndGet(Duration.ofMillis(100).toNanos());
                          throw new IllegalStateException("API server unavailable");
                        })
                    .call())
        .hasMessage("API server unavailable");
    assertThat(pace.next(1, Duration.ZERO)).isEqualTo(Duration.ofMillis(400));
  }

  private void check(Duration takes) throws Exception {
    assertThat(
            pace.timed(
                    () -> {
                      clock.addAndGet(takes.toNanos());
                      return true;
                    })
                .call())
        .isTrue();
  }
}
