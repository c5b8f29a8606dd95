package dev.researcher4j.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples the heap every few milliseconds on a daemon thread: the most in use (garbage included, so
 * mostly the young generation's size), and the most left in use right after a collection (the live
 * data the runs held, as closely as the JVM tells).
 */
final class HeapSampler {
  private final MemoryMXBean memory;
  private final List<MemoryPoolMXBean> pools;
  private final Thread thread;
  private volatile boolean stopped;
  private volatile long peak;
  private volatile long peakAfterGc;

  private HeapSampler(MemoryMXBean memory) {
    this.memory = memory;
    this.pools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
            .toList();
    this.thread = new Thread(this::sample, "bench-heap-sampler");
    thread.setDaemon(true);
  }

  static HeapSampler start(MemoryMXBean memory) {
    HeapSampler sampler = new HeapSampler(memory);
    sampler.peak = memory.getHeapMemoryUsage().getUsed();
    sampler.thread.start();
    return sampler;
  }

  private void sample() {
    long before = afterGc();
    while (!stopped) {
      peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
      long now = afterGc();
      if (now != before) {
        // Only collections during the batch count, not what the last one before it left.
        peakAfterGc = Math.max(peakAfterGc, now);
      }
      try {
        TimeUnit.MILLISECONDS.sleep(5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private long afterGc() {
    long used = 0;
    for (MemoryPoolMXBean pool : pools) {
      MemoryUsage usage = pool.getCollectionUsage();
      used += usage == null ? 0 : usage.getUsed();
    }
    return used;
  }

  /** Stops sampling: {peak used, peak used after a collection (0 when none ran)}. */
  long[] stop() {
    stopped = true;
    try {
      thread.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new long[] {Math.max(peak, memory.getHeapMemoryUsage().getUsed()), peakAfterGc};
  }
}
