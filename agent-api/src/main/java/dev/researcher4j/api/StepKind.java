package dev.researcher4j.api;

/** What a {@link Step} of a run did. */
public enum StepKind {
  /** The model drafted a research plan. */
  PLAN,
  /** One model call of the act loop (it may ask for tool calls). */
  MODEL,
  /** One batch of tool calls, run in parallel. */
  TOOLS,
  /** Verification of a draft's claims against its sources. */
  VERIFY,
  /** Older history was compacted to fit the context window. */
  COMPACTION,
  /** The final answer and report were assembled. */
  FINAL,
  /** Something failed; the step's error says what. */
  ERROR
}
