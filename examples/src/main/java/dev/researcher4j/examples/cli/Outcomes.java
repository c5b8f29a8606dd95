package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.trajectory.view.TrajectoryHtml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * How {@code ask} and {@code resume} finish: the report, every warning the run raised, where its
 * record is (only if it was written), and the exit code. Nothing unchecked is presented as checked,
 * nothing partial as complete, nothing lost as saved.
 */
final class Outcomes {
  private Outcomes() {}

  /**
   * Prints the outcome of {@code run} and returns the exit code: {@link ExitCodes#OK} when there is
   * an answer (warnings or not), {@link ExitCodes#FAILED} when there is none or the run failed.
   *
   * @param file the trajectory file the run was written to
   * @param out where the report goes, or {@code null} for standard output
   * @param html where the HTML view goes, or {@code null} for none
   */
  static int report(CliContext context, Trajectory run, Path file, Path out, Path html)
      throws Exception {
    return report(context, run, file, out, html, Reports::markdown);
  }

  /** As {@link #report(CliContext, Trajectory, Path, Path, Path)}, printing {@code body}'s text. */
  static int report(
      CliContext context,
      Trajectory run,
      Path file,
      Path out,
      Path html,
      Function<Trajectory, String> body)
      throws Exception {
    Outcome outcome = run.requireOutcome();
    boolean recorded = Files.isRegularFile(file) && !recordFailed(outcome);
    if (recorded) {
      context.err().println("trajectory: " + file);
    } else {
      context.err().println("trajectory: not written (" + outcome.error() + ")");
    }
    if (html != null) {
      TrajectoryHtml.write(run, context.resolve(html));
      context.err().println("view: " + context.resolve(html));
    }
    for (Warning warning : outcome.warnings()) {
      context.err().println("warning: " + warning.message());
    }
    if (!outcome.hasAnswer()) {
      context.err().println("the run failed (" + outcome.stopReason() + "): " + outcome.error());
      return ExitCodes.FAILED;
    }
    String report = body.apply(run);
    if (out != null) {
      Files.writeString(context.resolve(out), report);
      context.err().println("report: " + context.resolve(out));
    } else {
      context.out().println(report);
    }
    if (outcome.stopReason() == StopReason.FAILED || outcome.stopReason() == StopReason.CANCELLED) {
      context
          .err()
          .println("the run did not finish (" + outcome.stopReason() + "): " + outcome.error());
      return ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  private static boolean recordFailed(Outcome outcome) {
    return outcome.stopReason() == StopReason.FAILED
        && outcome.error().startsWith("the trajectory could not be written");
  }
}
