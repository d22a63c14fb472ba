package dev.fluxlab.embedded.reconciler;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs work per key on an executor: a key runs on at most one thread at a time, a key requested
 * while it is queued runs once, and a key requested while it runs runs once more afterwards. Every
 * transition of a key's state is one atomic step, so a request that lands while a run is finishing
 * is never lost (it was, with separate running/queued/rerun sets checked one after the other).
 */
final class KeyedQueue<K> {
  private enum State {
    QUEUED,
    RUNNING,
    RUNNING_AGAIN
  }

  private final Executor executor;
  private final Consumer<K> work;
  private final Map<K, State> states = new ConcurrentHashMap<>();

  KeyedQueue(Executor executor, Consumer<K> work) {
    this.executor = executor;
    this.work = work;
  }

  void enqueue(K key) {
    boolean[] submit = {false};
    states.compute(
        key,
        (k, state) -> {
          if (state == null) {
            submit[0] = true;
            return State.QUEUED;
          }
          return state == State.RUNNING ? State.RUNNING_AGAIN : state;
        });
    if (submit[0]) {
      submit(key);
    }
  }

  private void submit(K key) {
    try {
      executor.execute(() -> run(key));
    } catch (RejectedExecutionException e) {
      // Shutting down: nothing will run any more.
      states.remove(key);
    }
  }

  private void run(K key) {
    states.put(key, State.RUNNING);
    try {
      work.accept(key);
    } finally {
      boolean[] again = {false};
      states.compute(
          key,
          (k, state) -> {
            if (state == State.RUNNING_AGAIN) {
              again[0] = true;
              return State.QUEUED;
            }
            return null;
          });
      if (again[0]) {
        submit(key);
      }
    }
  }
}
