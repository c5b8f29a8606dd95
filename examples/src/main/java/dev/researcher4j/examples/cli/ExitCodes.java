package dev.researcher4j.examples.cli;

/** The process exit codes of {@code researcher}. */
final class ExitCodes {
  private ExitCodes() {}

  /** An outcome was produced (also when a budget stopped the run). */
  static final int OK = 0;

  /** The run failed; its trajectory was still written. */
  static final int FAILED = 1;

  /** Wrong usage or missing configuration. */
  static final int USAGE = 2;
}
