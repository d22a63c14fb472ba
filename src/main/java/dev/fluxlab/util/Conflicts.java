package dev.fluxlab.util;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Retries a read-modify-write when the API server answers 409 Conflict: controllers update status
 * concurrently, so an edit made from a stale copy is normal and simply done again.
 */
public final class Conflicts {
  private static final int ATTEMPTS = 10;

  private Conflicts() {}

  public static <T> T retry(Supplier<T> readModifyWrite) {
    for (int attempt = 1; ; attempt++) {
      try {
        return readModifyWrite.get();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  public static void retry(Runnable readModifyWrite) {
    retry(
        () -> {
          readModifyWrite.run();
          return null;
        });
  }
}
