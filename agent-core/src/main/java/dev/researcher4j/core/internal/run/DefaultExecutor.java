package dev.researcher4j.core.internal.run;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The executor an agent uses when none is given: virtual threads on Java 21 and later (looked up
 * reflectively, as the library compiles for Java 17), otherwise a cached pool of daemon threads.
 * Both start a thread whenever every thread is busy: runs wait on their own model and tool calls,
 * so a fixed-size pool could deadlock once it is full of waiting runs.
 */
public final class DefaultExecutor {
  private DefaultExecutor() {}

  /** A new default executor; it needs no shutdown (its threads are virtual or daemon). */
  public static Executor create() {
    try {
      return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      AtomicInteger count = new AtomicInteger();
      ThreadFactory factory =
          task -> {
            Thread thread = new Thread(task, "researcher4j-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
          };
      return Executors.newCachedThreadPool(factory);
    }
  }
}
