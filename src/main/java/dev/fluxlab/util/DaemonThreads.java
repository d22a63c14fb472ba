package dev.fluxlab.util;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for fluxlab's background pools: daemon threads, so that a pool nobody closed
 * never keeps the JVM alive, named {@code <prefix>-<n>} so that a thread dump says whose they are.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Daemon threads named {@code prefix-1}, {@code prefix-2}, … */
  public static ThreadFactory numbered(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
