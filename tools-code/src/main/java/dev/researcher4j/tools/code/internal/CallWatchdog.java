package dev.researcher4j.tools.code.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.graalvm.polyglot.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calls that run too long, allocate too much, or belong to a cancelled run: one daemon thread
 * looks at every running call every {@link #POLL} and interrupts the context of a call over its
 * limits. An interrupt leaves the context usable (the session keeps its variables); a call that
 * cannot be interrupted within {@link #INTERRUPT_WAIT} has its context cancelled, which ends the
 * session's state. Thread-safe.
 */
final class CallWatchdog implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CallWatchdog.class);

  /** How often running calls are checked. */
  static final Duration POLL = Duration.ofMillis(10);

  /** How long an interrupt may take before the context is cancelled instead. */
  static final Duration INTERRUPT_WAIT = Duration.ofSeconds(20);

  /** Why a call was stopped. */
  enum Stop {
    TIME,
    MEMORY,
    CANCELLED
  }

  private final com.sun.management.ThreadMXBean threads;
  private final Set<Watch> watches = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService poller;
  private final ExecutorService interrupter;

  CallWatchdog() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    if (!(bean instanceof com.sun.management.ThreadMXBean sun)
        || !sun.isThreadAllocatedMemorySupported()) {
      throw new UnsupportedOperationException(
          "run_code needs a JVM that counts the memory each thread allocates"
              + " (com.sun.management.ThreadMXBean), to enforce its memory limit; this one does"
              + " not");
    }
    if (!sun.isThreadAllocatedMemoryEnabled()) {
      sun.setThreadAllocatedMemoryEnabled(true);
    }
    this.threads = sun;
    this.poller = Executors.newSingleThreadScheduledExecutor(daemon("run_code-watchdog"));
    this.interrupter = Executors.newCachedThreadPool(daemon("run_code-interrupt"));
    poller.scheduleWithFixedDelay(
        this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Starts watching a call made on the current thread; close the watch when the call returns.
   *
   * @param cancelled whether the run the call belongs to was cancelled
   */
  Watch watch(
      Context context, Duration timeLimit, long maxAllocatedBytes, BooleanSupplier cancelled) {
    Thread thread = Thread.currentThread();
    Watch watch =
        new Watch(
            context,
            thread,
            System.nanoTime(),
            timeLimit.toNanos(),
            threads.getThreadAllocatedBytes(thread.getId()),
            maxAllocatedBytes,
            cancelled);
    watches.add(watch);
    return watch;
  }

  private void poll() {
    for (Watch watch : watches) {
      try {
        if (watch.stop != null) {
          continue;
        }
        Stop stop = watch.check();
        if (stop != null) {
          watch.stop = stop;
          interrupter.execute(watch::interrupt);
        }
      } catch (RuntimeException e) {
        LOG.warn("run_code watchdog: checking a call failed", e);
      }
    }
  }

  @Override
  public void close() {
    poller.shutdownNow();
    interrupter.shutdownNow();
  }

  /** One watched call. */
  final class Watch implements AutoCloseable {
    private final Context context;
    private final Thread thread;
    private final long startNanos;
    private final long timeLimitNanos;
    private final long startAllocated;
    private final long maxAllocatedBytes;
    private final BooleanSupplier cancelled;
    private final CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    private volatile Stop stop;
    private volatile long allocated;

    private Watch(
        Context context,
        Thread thread,
        long startNanos,
        long timeLimitNanos,
        long startAllocated,
        long maxAllocatedBytes,
        BooleanSupplier cancelled) {
      this.context = context;
      this.thread = thread;
      this.startNanos = startNanos;
      this.timeLimitNanos = timeLimitNanos;
      this.startAllocated = startAllocated;
      this.maxAllocatedBytes = maxAllocatedBytes;
      this.cancelled = cancelled;
    }

    private Stop check() {
      if (thread.isInterrupted() || cancelled.getAsBoolean()) {
        return Stop.CANCELLED;
      }
      long now = threads.getThreadAllocatedBytes(thread.getId());
      if (now >= 0) {
        allocated = now - startAllocated;
        if (allocated > maxAllocatedBytes) {
          return Stop.MEMORY;
        }
      }
      if (System.nanoTime() - startNanos > timeLimitNanos) {
        return Stop.TIME;
      }
      return null;
    }

    private void interrupt() {
      try {
        context.interrupt(INTERRUPT_WAIT);
        interrupted.complete(true);
      } catch (TimeoutException e) {
        LOG.warn("run_code: a call did not stop within {}; cancelling its session", INTERRUPT_WAIT);
        try {
          context.close(true);
        } catch (RuntimeException closing) {
          LOG.warn("run_code: cancelling a session failed", closing);
        }
        interrupted.complete(false);
      } catch (RuntimeException e) {
        // The context was closed meanwhile (the run ended): nothing left to stop.
        interrupted.complete(false);
      }
    }

    /** Why the call was stopped, or null if it was not; waits until a stop took effect. */
    Stop awaitStop() {
      Stop reason = stop;
      if (reason != null) {
        // Wait for the interrupt to land, so it cannot hit the session's next call.
        interrupted
            .orTimeout(INTERRUPT_WAIT.toMillis() * 2, TimeUnit.MILLISECONDS)
            .exceptionally(e -> false)
            .join();
      }
      return reason;
    }

    /** Bytes the calling thread allocated during the call, as last measured. */
    long allocatedBytes() {
      long now = threads.getThreadAllocatedBytes(thread.getId());
      return now >= 0 ? now - startAllocated : allocated;
    }

    /** Nanoseconds since the call started. */
    long elapsedNanos() {
      return System.nanoTime() - startNanos;
    }

    @Override
    public void close() {
      watches.remove(this);
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
