package dev.researcher4j.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How busy the machine was during a measurement, from Linux's {@code /proc}: the cores this process
 * used, and the share of all cores that other processes used (a benchmark on a shared machine is
 * only as good as this number is low). Elsewhere it reports nothing. Not thread-safe.
 */
final class CpuMeter {

  private static final Path MACHINE = Path.of("/proc/stat");
  private static final Path SELF = Path.of("/proc/self/stat");

  private final long startWall = System.nanoTime();
  private final long[] start = sample();

  /** Starts measuring now. */
  static CpuMeter start() {
    return new CpuMeter();
  }

  /**
   * The result since {@link #start()}: {@code own_cpu_cores} (CPU time of this process over wall
   * time), {@code other_processes_cpu_share} (busy time of other processes over all cores' time)
   * and this process's CPU time in milliseconds, or {@code null} where {@code /proc} cannot be
   * read.
   */
  double[] stop() {
    long[] end = sample();
    if (start == null || end == null) {
      return null;
    }
    double wallNanos = System.nanoTime() - startWall;
    long total = end[0] - start[0];
    long busy = end[1] - start[1];
    long own = end[2] - start[2];
    if (total <= 0 || wallNanos <= 0) {
      return null;
    }
    // Kernel counters are in clock ticks: the total over all cores is wall time × cores.
    double nanosPerTick = wallNanos * Runtime.getRuntime().availableProcessors() / total;
    double ownCores = own * nanosPerTick / wallNanos;
    double othersShare = Math.max(0, (double) (busy - own) / total);
    return new double[] {ownCores, othersShare, own * nanosPerTick / 1e6};
  }

  /** {total ticks, busy ticks, this process's ticks}, or {@code null}. */
  private static long[] sample() {
    try {
      List<String> machine = Files.readAllLines(MACHINE);
      String[] cpu = machine.get(0).trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < cpu.length && i <= 8; i++) {
        long value = Long.parseLong(cpu[i]);
        total += value;
        if (i == 4 || i == 5) {
          idle += value; // idle and iowait
        }
      }
      String self = Files.readString(SELF);
      // Fields after the command name (which may hold spaces) start after the last ')'.
      String[] fields = self.substring(self.lastIndexOf(')') + 2).trim().split("\\s+");
      long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
      return new long[] {total, total - idle, own};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
