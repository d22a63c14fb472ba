package dev.fluxlab.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BoundedParallelTest {
  private static final List<Integer> TWENTY = IntStream.range(0, 20).boxed().toList();

  @Test
  void resultsComeBackInListOrderWhateverOrderTheyFinishIn() {
    // The first element finishes only after the fourth: order must not follow completion.
    CountDownLatch fourthDone = new CountDownLatch(1);
    List<String> out =
        BoundedParallel.map(
            TWENTY,
            4,
            i -> {
              if (i == 0) {
                await(fourthDone);
              }
              if (i == 3) {
                fourthDone.countDown();
              }
              return "r" + i;
            });

    assertThat(out).containsExactlyElementsOf(TWENTY.stream().map(i -> "r" + i).toList());
  }

  @Test
  void neverRunsMoreThanTheBoundAtOnceAndDoesRunSeveral() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    CountDownLatch threeInside = new CountDownLatch(3);

    BoundedParallel.map(
        TWENTY,
        3,
        i -> {
          peak.accumulateAndGet(running.incrementAndGet(), Math::max);
          threeInside.countDown();
          await(threeInside); // the first three meet inside: proof they ran together
          running.decrementAndGet();
          return i;
        });

    assertThat(peak.get()).isEqualTo(3);
  }

  @Test
  void theFirstFailureInListOrderIsRethrownAfterEveryElementRan() {
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch fifteenFailed = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                BoundedParallel.map(
                    TWENTY,
                    4,
                    i -> {
                      ran.incrementAndGet();
                      if (i == 15) {
                        fifteenFailed.countDown();
                        throw new IllegalStateException("fifteen");
                      }
                      if (i == 7) {
                        await(fifteenFailed); // fails last in time, first in the list
                        throw new IllegalStateException("seven");
                      }
                      return i;
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("seven");
    assertThat(ran.get()).as("elements run").isEqualTo(TWENTY.size());
  }

  @Test
  void aBoundOfOneRunsOnTheCallersThread() {
    Thread caller = Thread.currentThread();

    List<Boolean> onCaller = BoundedParallel.map(TWENTY, 1, i -> Thread.currentThread() == caller);

    assertThat(onCaller).containsOnly(true);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the lanes did not run together");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
