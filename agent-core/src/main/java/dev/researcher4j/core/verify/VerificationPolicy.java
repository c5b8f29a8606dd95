package dev.researcher4j.core.verify;

import java.util.Objects;

/**
 * Whether and how a run checks its draft before finishing.
 *
 * <p>When a draft's claims are not supported by the sources they cite (or cite sources the run
 * never saw), the draft goes back to the model with what is wrong, up to {@code maxRounds} times
 * while the budget allows; claims still unsupported at the end are {@linkplain Unsupported#MARK
 * marked} or {@linkplain Unsupported#REMOVE removed} in the report. A draft that cites nothing
 * while tools are available also goes back once per round.
 *
 * <p>Defaults: on, {@link ModelVerifier#ofDefaults()}, {@value #DEFAULT_MAX_ROUNDS} rounds, mark.
 * When switched {@linkplain #disabled() off}, citations of unknown sources are still caught (that
 * check needs no model) but nothing is sent back. Immutable and thread-safe.
 */
public final class VerificationPolicy {

  /** Default number of times a draft is sent back. */
  public static final int DEFAULT_MAX_ROUNDS = 2;

  /** What happens to claims still unsupported when the run ends. */
  public enum Unsupported {
    /** Kept, followed by a visible note that they are not supported by their sources. */
    MARK,
    /** Taken out of the report. */
    REMOVE
  }

  private static final VerificationPolicy DEFAULTS = builder().build();
  private static final VerificationPolicy DISABLED = builder().enabled(false).build();

  private final boolean enabled;
  private final Verifier verifier;
  private final int maxRounds;
  private final Unsupported unsupported;

  private VerificationPolicy(Builder b) {
    this.enabled = b.enabled;
    this.verifier = b.verifier;
    this.maxRounds = b.maxRounds;
    this.unsupported = b.unsupported;
  }

  /** The defaults. */
  public static VerificationPolicy ofDefaults() {
    return DEFAULTS;
  }

  /** No model verification and no rounds; unknown sources are still caught. */
  public static VerificationPolicy disabled() {
    return DISABLED;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder()
        .enabled(enabled)
        .verifier(verifier)
        .maxRounds(maxRounds)
        .unsupportedClaims(unsupported);
  }

  /** Whether drafts are verified. */
  public boolean enabled() {
    return enabled;
  }

  /** The verifier. */
  public Verifier verifier() {
    return verifier;
  }

  /** How many times a draft may be sent back. */
  public int maxRounds() {
    return maxRounds;
  }

  /** What happens to claims still unsupported at the end. */
  public Unsupported unsupportedClaims() {
    return unsupported;
  }

  /** Builds a {@link VerificationPolicy}. Not thread-safe. */
  public static final class Builder {
    private boolean enabled = true;
    private Verifier verifier = ModelVerifier.ofDefaults();
    private int maxRounds = DEFAULT_MAX_ROUNDS;
    private Unsupported unsupported = Unsupported.MARK;

    private Builder() {}

    /** Switches verification on or off. */
    public Builder enabled(boolean enabled) {
      this.enabled = enabled;
      return this;
    }

    /** The verifier. */
    public Builder verifier(Verifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier is required, but was null");
      return this;
    }

    /** How many times a draft may be sent back, at least 0. */
    public Builder maxRounds(int maxRounds) {
      if (maxRounds < 0) {
        throw new IllegalArgumentException("maxRounds must be >= 0, but was " + maxRounds);
      }
      this.maxRounds = maxRounds;
      return this;
    }

    /** What happens to claims still unsupported at the end. */
    public Builder unsupportedClaims(Unsupported unsupported) {
      this.unsupported =
          Objects.requireNonNull(unsupported, "unsupported is required, but was null");
      return this;
    }

    /** Builds the policy. */
    public VerificationPolicy build() {
      return new VerificationPolicy(this);
    }
  }
}
