package dev.fluxlab.embedded.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyedQueueTest {
  private static final Duration ROUND = Duration.ofSeconds(5);
  private static final int ROUNDS = 5_000;
  private static final Duration POLL = Duration.ofMillis(1);

  private final ExecutorService workers = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  /**
   * A dependency that becomes Ready just as its dependent's reconcile ends must still make the
   * dependent look again: each round requests a key while its previous run is finishing, and a run
   * must follow that sees the request.
   */
  @Test
  void aRequestWhileTheKeyFinishesRunningIsNeverLost() {
    AtomicInteger requested = new AtomicInteger();
    AtomicInteger seen = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    AtomicBoolean finishing = new AtomicBoolean();
    KeyedQueue<String> queue =
        new KeyedQueue<>(
            workers,
            key -> {
              if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
              }
              seen.set(requested.get());
              running.decrementAndGet();
              finishing.set(true);
            });

    for (int round = 1; round <= ROUNDS; round++) {
      finishing.set(false);
      requested.set(round);
      queue.enqueue("app");
      int expected = round;
      await("run after request " + round)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .atMost(ROUND)
          .until(finishing::get);
      // The next round's request lands while this run is leaving the queue.
      if (seen.get() != expected) {
        await("a run that sees request " + round)
            .pollInterval(POLL)
            .atMost(ROUND)
            .untilAsserted(() -> assertThat(seen).hasValue(expected));
      }
    }
    assertThat(overlaps).as("runs of one key at the same time").hasValue(0);
  }
}
