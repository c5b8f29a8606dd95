package dev.researcher4j.examples.cli;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.SectionProgress;
import dev.researcher4j.api.TrajectoryHeader;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows a long report's outline and each section's state on standard error as the report goes: the
 * outline once it is planned, then a line each time a section moves on (researching, drafted,
 * verified, kept from an earlier attempt). Thread-safe: sections report from their own threads.
 */
final class ReportProgress implements AgentListener {

  private final PrintStream err;
  private volatile String reportRunId;
  private boolean outlined;

  ReportProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void onRunStarted(TrajectoryHeader header) {
    if (reportRunId == null) {
      reportRunId = header.runId();
      err.println("writing a report with " + header.model().model() + ", run " + header.runId());
    }
  }

  @Override
  public synchronized void onReportSection(String runId, SectionProgress p) {
    if (!runId.equals(reportRunId)) {
      return;
    }
    if (p.phase() == SectionProgress.Phase.PLANNED || p.phase() == SectionProgress.Phase.KEPT) {
      if (!outlined) {
        err.println("outline (" + p.sections() + " sections):");
        outlined = true;
      }
      err.printf(
          Locale.ROOT,
          "  %2d. %s%s%n",
          p.index(),
          p.title(),
          p.phase() == SectionProgress.Phase.KEPT
              ? " — kept from the earlier attempt (" + p.words() + " words)"
              : "");
      return;
    }
    String state =
        switch (p.phase()) {
          case RESEARCHING -> "researching";
          case DRAFTED -> "drafted, " + p.words() + " words; checking its claims";
          case VERIFIED -> "done, " + p.words() + " words";
          default -> p.phase().name().toLowerCase(Locale.ROOT);
        };
    err.printf(
        Locale.ROOT,
        "  [%d/%d] %s: %s%s%n",
        p.index(),
        p.sections(),
        p.title(),
        state,
        p.note().isEmpty() ? "" : " (" + p.note() + ")");
  }
}
