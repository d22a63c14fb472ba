package dev.fluxlab.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The process's memory peaks: the live heap (heap in use right after each collection; in use
 * between collections is mostly garbage and says more about the collector than about fluxlab), and
 * the resident set's high-water mark as the kernel counts it ({@code VmHWM}).
 */
public final class MemoryWatch implements AutoCloseable {
  private static final Path STATUS = Path.of("/proc/self/status");
  private static final Set<String> NON_HEAP =
      Set.of("Metaspace", "Compressed Class Space", "CodeCache");

  private final AtomicLong peakLive = new AtomicLong();
  private final NotificationListener listener =
      (n, handback) -> onGc((CompositeData) n.getUserData());

  public MemoryWatch() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            listener,
            n ->
                n.getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION),
            null);
      }
    }
  }

  private void onGc(CompositeData data) {
    long live = 0;
    var info = GarbageCollectionNotificationInfo.from(data);
    for (var pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (!NON_HEAP.contains(pool.getKey()) && !pool.getKey().startsWith("CodeHeap")) {
        MemoryUsage u = pool.getValue();
        live += u.getUsed();
      }
    }
    peakLive.accumulateAndGet(live, Math::max);
  }

  /** Largest heap in use after a collection so far (0 before the first collection). */
  public long peakLiveHeap() {
    return peakLive.get();
  }

  /** VmHWM in bytes, or -1 where /proc is not there. */
  public long peakRss() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException e) {
          // never added to this collector
        }
      }
    }
  }
}
