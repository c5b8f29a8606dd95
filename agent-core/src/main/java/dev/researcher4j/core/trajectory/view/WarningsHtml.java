package dev.researcher4j.core.trajectory.view;

import static dev.researcher4j.core.trajectory.view.Html.esc;

import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Warning;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The warnings section, first on the page: whatever a reader of the answer must know before
 * trusting it. The outcome's own {@link Warning}s, and for records that predate them (or left them
 * out) what the record itself shows: a run that did not finish or failed, the budget that stopped
 * it, claims their sources do not support, tool calls that failed (each listed with its step and
 * error). Nothing is written when there is nothing to say. Not thread-safe: one per page.
 */
final class WarningsHtml {

  /** Failed tool calls listed by name and error; the rest are counted. */
  static final int LISTED_FAILURES = 8;

  private record Entry(String label, String message, String detail) {}

  private final Trajectory t;
  private final StringBuilder out;
  private final Function<String, String> sourceLink;

  WarningsHtml(Trajectory t, StringBuilder out, Function<String, String> sourceLink) {
    this.t = t;
    this.out = out;
    this.sourceLink = sourceLink;
  }

  void render() {
    List<Entry> entries = entries();
    if (entries.isEmpty()) {
      return;
    }
    out.append("<section id=\"warnings\" class=\"warnings\">\n<h2>Warnings</h2>\n<ul>\n");
    for (Entry e : entries) {
      out.append("<li><strong>")
          .append(esc(e.label()))
          .append(".</strong> ")
          .append(esc(e.message()))
          .append(e.detail())
          .append("</li>\n");
    }
    out.append("</ul>\n</section>\n");
  }

  private List<Entry> entries() {
    Outcome outcome = t.outcome();
    List<Entry> entries = new ArrayList<>();
    if (outcome == null) {
      entries.add(
          new Entry(
              "Unfinished",
              "The record has no outcome: the run stopped before it finished (its process may"
                  + " have died); resuming the file continues it.",
              ""));
      addToolFailures(entries, false);
      return entries;
    }
    // A budget that stopped a run with an answer is said below (its own warning, or derived);
    // the error names what went wrong when there is no answer or the run failed.
    boolean stoppedWithAnswer = outcome.stopReason().isBudget() && outcome.hasAnswer();
    if (!outcome.error().isEmpty() && !stoppedWithAnswer) {
      String label =
          switch (outcome.stopReason()) {
            case CANCELLED -> "Cancelled";
            case FAILED -> "Failed";
            default -> "No answer";
          };
      entries.add(new Entry(label, outcome.error(), ""));
    }
    Set<Warning.Kind> said = EnumSet.noneOf(Warning.Kind.class);
    for (Warning w : outcome.warnings()) {
      said.add(w.kind());
      String detail =
          switch (w.kind()) {
            case UNSUPPORTED_CLAIMS -> unsupported(outcome.unsupportedCitations());
            case TOOL_FAILURES -> failures();
            default -> "";
          };
      entries.add(new Entry(label(w.kind()), w.message(), detail));
    }
    StopReason stop = outcome.stopReason();
    if (stop.isBudget() && !said.contains(Warning.Kind.BUDGET_STOP)) {
      entries.add(
          new Entry(
              label(Warning.Kind.BUDGET_STOP),
              "The "
                  + budgetName(stop)
                  + " budget stopped the run ("
                  + stop
                  + "); the answer is the best the agent had then.",
              ""));
    }
    if (stop == StopReason.CONTENT_FILTERED && !said.contains(Warning.Kind.CONTENT_FILTERED)) {
      entries.add(
          new Entry(
              label(Warning.Kind.CONTENT_FILTERED),
              "The provider's content filter stopped the model's output.",
              ""));
    }
    List<Citation> unsupported = outcome.unsupportedCitations();
    if (!unsupported.isEmpty() && !said.contains(Warning.Kind.UNSUPPORTED_CLAIMS)) {
      entries.add(
          new Entry(
              label(Warning.Kind.UNSUPPORTED_CLAIMS),
              Html.plural(unsupported.size(), "cited claim is", "cited claims are")
                  + " not supported by the source they cite.",
              unsupported(unsupported)));
    }
    addToolFailures(entries, said.contains(Warning.Kind.TOOL_FAILURES));
    return entries;
  }

  private void addToolFailures(List<Entry> entries, boolean alreadySaid) {
    long failed = t.totals().failedToolCalls();
    if (alreadySaid || failed == 0) {
      return;
    }
    entries.add(
        new Entry(
            label(Warning.Kind.TOOL_FAILURES),
            failed
                + " of "
                + Html.plural(t.totals().toolCalls(), "tool call", "tool calls")
                + " failed; the model was shown each error.",
            failures()));
  }

  /** The unsupported citations, one per line: source, verdict, claim, note. */
  private String unsupported(List<Citation> citations) {
    if (citations.isEmpty()) {
      return "";
    }
    StringBuilder list = new StringBuilder("\n<ul>\n");
    for (Citation c : citations) {
      list.append("<li>")
          .append(sourceLink.apply(c.sourceId()))
          .append(" ")
          .append(esc(c.support().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
          .append(": ")
          .append(esc(c.claim()))
          .append(c.note().isEmpty() ? "" : " — " + esc(c.note()))
          .append("</li>\n");
    }
    return list.append("</ul>\n").toString();
  }

  /** The failed tool calls, one per line: step, tool, status, the first line of the error. */
  private String failures() {
    StringBuilder list = new StringBuilder("\n<ul>\n");
    int listed = 0;
    int more = 0;
    for (Step step : t.steps()) {
      for (ToolExecution e : step.toolExecutions()) {
        if (!e.status().isFailure()) {
          continue;
        }
        if (listed == LISTED_FAILURES) {
          more++;
          continue;
        }
        listed++;
        list.append("<li><a href=\"#")
            .append(Timeline.id(step))
            .append("\">step ")
            .append(Timeline.number(step))
            .append("</a> <code>")
            .append(esc(e.call().name()))
            .append("</code> ")
            .append(esc(e.status().name().toLowerCase(Locale.ROOT)))
            .append(": ")
            .append(esc(Html.cut(firstLine(e.result().content()), 160)))
            .append("</li>\n");
      }
    }
    if (listed == 0) {
      return "";
    }
    if (more > 0) {
      list.append("<li>and ").append(more).append(" more</li>\n");
    }
    return list.append("</ul>\n").toString();
  }

  private static String firstLine(String text) {
    String stripped = text.strip();
    int end = stripped.indexOf('\n');
    return end < 0 ? stripped : stripped.substring(0, end);
  }

  static String label(Warning.Kind kind) {
    return switch (kind) {
      case TRUNCATED_ANSWER -> "Answer cut off";
      case COMPOSED_ANSWER -> "Answer composed without the model's final word";
      case UNSUPPORTED_CLAIMS -> "Unsupported claims";
      case UNVERIFIED_CLAIMS -> "Claims not verified";
      case BUDGET_STOP -> "Stopped by a budget";
      case CONTENT_FILTERED -> "Content filtered";
      case TOOL_FAILURES -> "Tool failures";
      case OTHER -> "Note";
    };
  }

  private static String budgetName(StopReason stop) {
    return switch (stop) {
      case BUDGET_STEPS -> "step";
      case BUDGET_TOOL_CALLS -> "tool-call";
      case BUDGET_INPUT_TOKENS -> "input-token";
      case BUDGET_OUTPUT_TOKENS -> "output-token";
      case BUDGET_COST -> "cost";
      case BUDGET_TIME -> "time";
      default -> stop.name().toLowerCase(Locale.ROOT);
    };
  }
}
