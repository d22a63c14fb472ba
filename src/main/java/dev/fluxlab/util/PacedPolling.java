package dev.fluxlab.util;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.awaitility.pollinterval.PollInterval;

/**
 * A poll interval for checks whose cost grows with what they read: the pause before the next check
 * is {@code factor} times as long as the last check took, within {@code [min, max]}. Listing every
 * Flux object of a small environment takes milliseconds and is polled at {@code min}; listing 800
 * Kustomizations with their inventories takes the API server a quarter of a second, and polling
 * that back to back kept one request of megabytes in flight all the time, slowing the very
 * reconciles it waited for. The checks then use at most 1/(factor+1) of the time.
 */
public final class PacedPolling implements PollInterval {
  /** A snapshot wait's ceiling: an environment's change is seen within a second at worst. */
  private static final Duration SNAPSHOT_MAX = Duration.ofSeconds(1);

  /** A snapshot wait's checks then take at most a fifth of the time. */
  private static final int SNAPSHOT_FACTOR = 4;

  private final Duration min;
  private final Duration max;
  private final int factor;
  private final LongSupplier nanoTime;
  private final AtomicLong lastCheckNanos = new AtomicLong();

  public PacedPolling(Duration min, Duration max, int factor) {
    this(min, max, factor, System::nanoTime);
  }

  /**
   * For a wait that reads every Flux object of an environment each time (deploy's all-Ready, diff's
   * settling): {@code min} for a small environment, four times the last snapshot's cost for a large
   * one, at most a second.
   */
  public static PacedPolling forSnapshots(Duration min) {
    return new PacedPolling(min, SNAPSHOT_MAX, SNAPSHOT_FACTOR);
  }

  PacedPolling(Duration min, Duration max, int factor, LongSupplier nanoTime) {
    this.min = min;
    this.max = max;
    this.factor = factor;
    this.nanoTime = nanoTime;
  }

  /** {@code check}, timed for the next pause. */
  public <T> Callable<T> timed(Callable<T> check) {
    return () -> {
      long start = nanoTime.getAsLong();
      try {
        return check.call();
      } finally {
        lastCheckNanos.set(nanoTime.getAsLong() - start);
      }
    };
  }

  @Override
  public Duration next(int pollCount, Duration previousDuration) {
    Duration paced = Duration.ofNanos(lastCheckNanos.get()).multipliedBy(factor);
    if (paced.compareTo(min) < 0) {
      return min;
    }
    return paced.compareTo(max) > 0 ? max : paced;
  }
}
