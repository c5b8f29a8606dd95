package dev.researcher4j.core.internal.stage;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.loop.DraftCheck;
import dev.researcher4j.core.internal.loop.Ending;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The finishing stage: turns how the loop ended a run into its {@link Outcome} — the answer and
 * report assembled from the draft, or composed from the sources gathered when the model gave no
 * answer — with a {@link Warning} for everything the run could not do, said at the top of the
 * report as well. Pure.
 */
public final class Finishing {
  private Finishing() {}

  /** Most characters of a source's first excerpt shown in a report composed from sources. */
  static final int COMPOSED_EXCERPT_CHARS = 300;

  /** The run ended before the check: why the claims of an unchecked draft are unverified. */
  static final String NOT_CHECKED = "the run ended before they were checked";

  /** The outcome of {@code ending}, whose answer is text. */
  public static Outcome outcome(
      Ending ending, SourceRegistry sources, VerificationPolicy verification) {
    return outcome(ending, sources, verification, false);
  }

  /**
   * The outcome of {@code ending}; {@code typed} when the task asked for a JSON answer (its fields
   * are then checked and flagged one by one, see {@link TypedFinishing}).
   */
  public static Outcome outcome(
      Ending ending, SourceRegistry sources, VerificationPolicy verification, boolean typed) {
    List<Warning> warnings = new ArrayList<>();
    if (ending.truncated() && ending.draft() != null) {
      warnings.add(
          new Warning(
              Warning.Kind.TRUNCATED_ANSWER,
              "The answer was cut off at the model's output limit and could not be completed;"
                  + " what would have followed is missing."));
    }
    Outcome outcome;
    if (ending.draft() != null) {
      DraftCheck.Checked checked =
          ending.checked() != null
              ? ending.checked()
              : DraftCheck.check(
                  ending.draft(),
                  sources,
                  null,
                  verification.enabled() ? NOT_CHECKED : DraftCheck.VERIFICATION_OFF);
      DraftCheck.Assembled assembled;
      if (typed) {
        TypedFinishing.Result result = TypedFinishing.finish(checked, sources, warnings);
        assembled =
            new DraftCheck.Assembled(
                result.answer(), result.report(), result.sources(), result.citations());
      } else {
        claimWarnings(checked, verification, warnings);
        assembled = DraftCheck.assemble(checked, verification.unsupportedClaims(), sources);
      }
      String report = assembled.report();
      if (ending.truncated()) {
        report = cutOffMarked(report, assembled.sources().isEmpty());
      }
      outcome =
          new Outcome(
              assembled.answer(),
              report,
              assembled.sources(),
              assembled.citations(),
              ending.reason(),
              ending.error());
    } else if (ending.composeFromSources() && sources.size() > 0) {
      warnings.add(
          new Warning(
              Warning.Kind.COMPOSED_ANSWER,
              "The model wrote no answer before "
                  + ending.budget()
                  + " ran out; the report lists the "
                  + sources.size()
                  + " sources the run gathered, without conclusions."));
      outcome =
          new Outcome(
              "",
              composed(sources.all(), ending.budget()),
              sources.all(),
              List.of(),
              ending.reason(),
              ending.error());
    } else {
      outcome = new Outcome("", "", List.of(), List.of(), ending.reason(), ending.error());
    }
    runWarnings(ending, warnings);
    if (!outcome.hasAnswer()) {
      return outcome.withWarnings(warnings);
    }
    return new Outcome(
        outcome.answer(),
        withWarningsOnTop(outcome.report(), warnings),
        outcome.sources(),
        outcome.citations(),
        outcome.stopReason(),
        outcome.error(),
        warnings);
  }

  private static void claimWarnings(
      DraftCheck.Checked checked, VerificationPolicy verification, List<Warning> warnings) {
    int claims = checked.draft().claims().size();
    if (!checked.bad().isEmpty()) {
      warnings.add(
          new Warning(
              Warning.Kind.UNSUPPORTED_CLAIMS,
              checked.bad().size()
                  + " of "
                  + claims
                  + " claims are not supported by the sources they cite ("
                  + (verification.unsupportedClaims() == VerificationPolicy.Unsupported.REMOVE
                      ? "removed from the report"
                      : "marked in the report")
                  + ")."));
    }
    if (!checked.unverified().isEmpty()) {
      warnings.add(
          new Warning(
              Warning.Kind.UNVERIFIED_CLAIMS,
              checked.unverified().size()
                  + " of "
                  + claims
                  + " claims not verified ("
                  + checked.unverifiedReason()
                  + ")."));
    }
  }

  private static void runWarnings(Ending ending, List<Warning> warnings) {
    if (ending.reason().isBudget()) {
      warnings.add(
          new Warning(
              Warning.Kind.BUDGET_STOP,
              "Stopped by "
                  + (ending.budget().isEmpty() ? "a budget" : ending.budget())
                  + "; this is the best answer the agent had then."));
    }
    if (ending.reason() == StopReason.CONTENT_FILTERED) {
      warnings.add(
          new Warning(
              Warning.Kind.CONTENT_FILTERED,
              "The model provider's content filter stopped the answer; the request was not sent"
                  + " again."));
    }
    if (ending.failedToolCalls() > 0) {
      warnings.add(
          new Warning(
              Warning.Kind.TOOL_FAILURES,
              ending.failedToolCalls()
                  + " of "
                  + ending.toolCalls()
                  + " tool calls failed (the model was shown their errors)."));
    }
  }

  /** The report with a note per warning about the answer above it; tool failures are left out. */
  private static String withWarningsOnTop(String report, List<Warning> warnings) {
    StringBuilder top = new StringBuilder();
    for (Warning warning : warnings) {
      if (warning.kind() != Warning.Kind.TOOL_FAILURES) {
        top.append("> **Warning:** ").append(warning.message()).append('\n');
      }
    }
    return top.length() == 0 ? report : top + "\n" + report;
  }

  /** Marks where a cut-off answer stops: before the source list, or at the end. */
  private static String cutOffMarked(String report, boolean noSources) {
    String marker = " *[cut off here: the model's output limit was reached]*";
    int sources = noSources ? -1 : report.lastIndexOf("\n\n## Sources\n");
    return sources < 0
        ? report + marker
        : report.substring(0, sources) + marker + report.substring(sources);
  }

  private static String composed(List<Source> sources, String budget) {
    StringBuilder report = new StringBuilder("## Sources gathered\n\n");
    report
        .append("The model wrote no answer before ")
        .append(budget.isEmpty() ? "the budget" : budget)
        .append(" ran out. These are the sources the run read; nothing here is checked, and no")
        .append(" conclusion is drawn from them.\n");
    for (Source source : sources) {
      report.append("\n- [").append(source.id()).append("] ");
      if (!source.title().isBlank()) {
        report.append(source.title()).append(" — ");
      }
      report.append(source.url());
      if (!source.excerpts().isEmpty()) {
        String excerpt = source.excerpts().get(0).replaceAll("\\s+", " ").strip();
        if (excerpt.length() > COMPOSED_EXCERPT_CHARS) {
          excerpt = excerpt.substring(0, COMPOSED_EXCERPT_CHARS) + "…";
        }
        report.append("\n  > ").append(excerpt);
      }
    }
    return report.toString();
  }
}
