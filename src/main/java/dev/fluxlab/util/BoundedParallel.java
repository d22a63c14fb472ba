package dev.fluxlab.util;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Maps a list through a function that mostly waits on a server (the API server, the Docker engine),
 * at most {@code inFlight} elements at a time, and returns the results in list order; the first
 * failure in list order is rethrown. One after the other, an apply of 800 objects kept a large
 * fleet's root Kustomization busy for minutes while the API server idled.
 */
public final class BoundedParallel {
  private static final ExecutorService POOL =
      Executors.newCachedThreadPool(DaemonThreads.numbered("fluxlab-parallel"));

  private BoundedParallel() {}

  public static <T, R> List<R> map(List<T> items, int inFlight, Function<T, R> fn) {
    if (items.size() < 2 || inFlight < 2) {
      return new ArrayList<>(items.stream().map(fn).toList());
    }
    AtomicInteger next = new AtomicInteger();
    Object[] results = new Object[items.size()];
    RuntimeException[] failures = new RuntimeException[items.size()];
    List<CompletableFuture<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(inFlight, items.size()); lane++) {
      lanes.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                  try {
                    results[i] = fn.apply(items.get(i));
                  } catch (RuntimeException e) {
                    failures[i] = e;
                  }
                }
              },
              POOL));
    }
    try {
      CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    List<R> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (failures[i] != null) {
        throw failures[i];
      }
      @SuppressWarnings("unchecked")
      R r = (R) results[i];
      out.add(r);
    }
    return out;
  }
}
