package dev.researcher4j.tools.code;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits {@link RunCodeTool} puts on each call: wall time, memory allocated, output shown, and
 * the size of the code itself.
 *
 * <p>Defaults: {@link #DEFAULT_TIME_LIMIT} per call, {@link #DEFAULT_MAX_ALLOCATED_BYTES} allocated
 * per call, {@value #DEFAULT_MAX_OUTPUT_CHARS} characters of output shown, {@value
 * #DEFAULT_MAX_CODE_CHARS} characters of code. Immutable and thread-safe.
 *
 * <p>The memory limit counts the bytes the JVM allocates on the thread running the call (garbage
 * included), not the bytes the code keeps: a call that goes over it is stopped with a {@code
 * MemoryError}. GraalPy runs interpreted on a stock JDK and allocates as it interprets (about 100
 * MB a second in a tight loop), so keep this limit well above what {@link #timeLimit()} lets such a
 * loop allocate. A single allocation larger than the JVM's free heap fails at once with {@code
 * MemoryError}; one that fits but exceeds this limit is stopped as soon as the interpreter can be
 * interrupted.
 */
public final class SandboxLimits {

  /** Default longest wall time of one call. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

  /** Default most bytes one call may allocate (2 GiB). */
  public static final long DEFAULT_MAX_ALLOCATED_BYTES = 2L << 30;

  /** Default most characters of output (printed text and tracebacks) shown to the model. */
  public static final int DEFAULT_MAX_OUTPUT_CHARS = 10_000;

  /** Default longest code accepted, in characters. */
  public static final int DEFAULT_MAX_CODE_CHARS = 100_000;

  private static final SandboxLimits DEFAULTS = custom().build();

  private final Duration timeLimit;
  private final long maxAllocatedBytes;
  private final int maxOutputChars;
  private final int maxCodeChars;

  private SandboxLimits(Builder b) {
    this.timeLimit = b.timeLimit;
    this.maxAllocatedBytes = b.maxAllocatedBytes;
    this.maxOutputChars = b.maxOutputChars;
    this.maxCodeChars = b.maxCodeChars;
  }

  /** The defaults. */
  public static SandboxLimits ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder custom() {
    return new Builder();
  }

  /** A builder starting from {@code base}. */
  public static Builder from(SandboxLimits base) {
    return new Builder()
        .timeLimit(base.timeLimit)
        .maxAllocatedBytes(base.maxAllocatedBytes)
        .maxOutputChars(base.maxOutputChars)
        .maxCodeChars(base.maxCodeChars);
  }

  /** Longest wall time of one call; the call is stopped after it and the session goes on. */
  public Duration timeLimit() {
    return timeLimit;
  }

  /** Most bytes one call may allocate before it is stopped with a {@code MemoryError}. */
  public long maxAllocatedBytes() {
    return maxAllocatedBytes;
  }

  /** Most characters of output shown to the model; the rest is cut with a note. */
  public int maxOutputChars() {
    return maxOutputChars;
  }

  /** Longest code accepted, in characters; longer code is refused without running. */
  public int maxCodeChars() {
    return maxCodeChars;
  }

  @Override
  public String toString() {
    return "SandboxLimits{timeLimit="
        + timeLimit
        + ", maxAllocatedBytes="
        + maxAllocatedBytes
        + ", maxOutputChars="
        + maxOutputChars
        + ", maxCodeChars="
        + maxCodeChars
        + '}';
  }

  /** Builds {@link SandboxLimits}; every setter rejects bad values at once. Not thread-safe. */
  public static final class Builder {
    private Duration timeLimit = DEFAULT_TIME_LIMIT;
    private long maxAllocatedBytes = DEFAULT_MAX_ALLOCATED_BYTES;
    private int maxOutputChars = DEFAULT_MAX_OUTPUT_CHARS;
    private int maxCodeChars = DEFAULT_MAX_CODE_CHARS;

    private Builder() {}

    /** Longest wall time of one call; at least 1 ms. */
    public Builder timeLimit(Duration timeLimit) {
      Objects.requireNonNull(timeLimit, "timeLimit is required, but was null");
      if (timeLimit.toMillis() < 1) {
        throw new IllegalArgumentException("timeLimit must be at least 1 ms, but was " + timeLimit);
      }
      this.timeLimit = timeLimit;
      return this;
    }

    /** Most bytes one call may allocate; at least 1 MiB. */
    public Builder maxAllocatedBytes(long maxAllocatedBytes) {
      if (maxAllocatedBytes < (1L << 20)) {
        throw new IllegalArgumentException(
            "maxAllocatedBytes must be at least 1048576 (1 MiB), but was " + maxAllocatedBytes);
      }
      this.maxAllocatedBytes = maxAllocatedBytes;
      return this;
    }

    /** Most characters of output shown; at least 100. */
    public Builder maxOutputChars(int maxOutputChars) {
      if (maxOutputChars < 100) {
        throw new IllegalArgumentException(
            "maxOutputChars must be at least 100, but was " + maxOutputChars);
      }
      this.maxOutputChars = maxOutputChars;
      return this;
    }

    /** Longest code accepted, in characters; at least 100. */
    public Builder maxCodeChars(int maxCodeChars) {
      if (maxCodeChars < 100) {
        throw new IllegalArgumentException(
            "maxCodeChars must be at least 100, but was " + maxCodeChars);
      }
      this.maxCodeChars = maxCodeChars;
      return this;
    }

    /** The limits. */
    public SandboxLimits build() {
      return new SandboxLimits(this);
    }
  }
}
