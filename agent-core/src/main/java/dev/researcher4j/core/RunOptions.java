package dev.researcher4j.core;

import dev.researcher4j.api.Budget;
import dev.researcher4j.core.cite.SharedSources;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run of a {@link ResearchAgent} does differently from the agent's other runs: the run
 * that started it, its own budget, and sources shared with other runs. Used by long reports, whose
 * sections are sub-runs with a share of the report's budget citing one shared list of sources.
 *
 * <p>Defaults ({@link #defaults()}): no parent, the agent's budget, sources of its own. Immutable
 * and thread-safe.
 */
public final class RunOptions {

  private static final RunOptions DEFAULTS = builder().build();

  private final String parentRunId;
  private final Budget budget;
  private final SharedSources sources;

  private RunOptions(Builder b) {
    this.parentRunId = b.parentRunId;
    this.budget = b.budget;
    this.sources = b.sources;
  }

  /** No parent, the agent's budget, sources of the run's own. */
  public static RunOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The run that started this one, or empty. */
  public String parentRunId() {
    return parentRunId;
  }

  /** The run's budget, when it is not the agent's. */
  public Optional<Budget> budget() {
    return Optional.ofNullable(budget);
  }

  /** The sources the run shares with other runs, when it shares any. */
  public Optional<SharedSources> sources() {
    return Optional.ofNullable(sources);
  }

  /** The registry the run registers its sources in: the shared one, or a new one of its own. */
  SourceRegistry registry() {
    return sources != null ? (SourceRegistry) sources : new SourceRegistry();
  }

  /** Builds {@link RunOptions}. Not thread-safe. */
  public static final class Builder {
    private String parentRunId = "";
    private Budget budget;
    private SharedSources sources;

    private Builder() {}

    /** The run that started this one; its id goes into the header. Default: none. */
    public Builder parentRunId(String parentRunId) {
      Objects.requireNonNull(parentRunId, "parentRunId is required, but was null");
      if (parentRunId.isBlank()) {
        throw new IllegalArgumentException("parentRunId is required, but was blank");
      }
      this.parentRunId = parentRunId;
      return this;
    }

    /** The run's budget instead of the agent's. */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget is required, but was null");
      return this;
    }

    /**
     * Sources to register into, shared with other runs ({@link SharedSources#create()}); the run's
     * ids then follow on from theirs.
     *
     * @throws IllegalArgumentException if {@code sources} were not made by {@link
     *     SharedSources#create()}
     */
    public Builder sources(SharedSources sources) {
      Objects.requireNonNull(sources, "sources is required, but was null");
      if (!(sources instanceof SourceRegistry)) {
        throw new IllegalArgumentException(
            "sources must come from SharedSources.create(), but was a "
                + sources.getClass().getName());
      }
      this.sources = sources;
      return this;
    }

    /** Builds the options. */
    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
