package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.Evaluation;
import dev.researcher4j.temporal.EvalInput;
import dev.researcher4j.temporal.EvalWorkflow;
import dev.researcher4j.temporal.RunInput;
import dev.researcher4j.temporal.RunProgress;
import dev.researcher4j.temporal.RunResult;
import dev.researcher4j.temporal.TemporalResearch;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code ask --temporal}, {@code attach} and {@code eval --temporal} do: start a run or an
 * evaluation on Temporal, follow its progress, and print its report. Ctrl-C only detaches: the run
 * goes on on the workers, and the message says how to follow it again.
 */
final class TemporalRuns {
  private TemporalRuns() {}

  /** How often progress is asked for. */
  static final Duration POLL = Duration.ofMillis(500);

  /** Starts a run of {@code question} and follows it; returns the exit code. */
  static int ask(
      CliContext context, TemporalOptions temporal, String question, Budget budget, Path out)
      throws Exception {
    WorkflowClient client = temporal.connect(context);
    try {
      TemporalResearch research = TemporalResearch.of(client, temporal.taskQueue);
      String runId = research.start(RunInput.of(Task.of(question)).withBudget(budget));
      context.err().println("run " + runId + " started on " + temporal.describe());
      return follow(context, temporal, research, runId, out);
    } finally {
      client.getWorkflowServiceStubs().shutdown();
    }
  }

  /** Follows run {@code runId} to its end; returns the exit code. */
  static int follow(
      CliContext context,
      TemporalOptions temporal,
      TemporalResearch research,
      String runId,
      Path out)
      throws Exception {
    Thread detach =
        new Thread(
            () ->
                context
                    .err()
                    .println(
                        "\ndetached from run "
                            + runId
                            + "; it goes on on the workers. Follow it again with: researcher"
                            + " attach --temporal "
                            + temporal.target
                            + " --namespace "
                            + temporal.namespace
                            + " "
                            + runId),
            "researcher-detach");
    Runtime.getRuntime().addShutdownHook(detach);
    RunResult result;
    try {
      result = await(context, research, runId);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(detach);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is printing the way back.
      }
    }
    Outcome outcome = result.outcome();
    context.err().println("trajectory: " + result.trajectory());
    if (!outcome.hasAnswer()) {
      context.err().println("the run failed (" + outcome.stopReason() + "): " + outcome.error());
      return ExitCodes.FAILED;
    }
    if (outcome.stopReason().isBudget()) {
      context
          .err()
          .println("note: stopped by " + outcome.stopReason() + "; this is the best answer it had");
    }
    String report = report(result);
    if (out != null) {
      Files.writeString(context.resolve(out), report);
      context.err().println("report: " + context.resolve(out));
    } else {
      context.out().println(report);
    }
    return ExitCodes.OK;
  }

  private static RunResult await(CliContext context, TemporalResearch research, String runId)
      throws Exception {
    CompletableFuture<RunResult> result = research.resultAsync(runId);
    String last = "";
    Set<String> asked = new HashSet<>();
    while (true) {
      try {
        return result.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillRunning) {
        RunProgress progress = research.progress(runId);
        String line =
            String.format(
                Locale.ROOT,
                "[%d steps · %d model · %d tool calls · %d sources · %,d tokens · $%.4f] %s",
                progress.steps(),
                progress.modelCalls(),
                progress.toolCalls(),
                progress.sources(),
                progress.inputTokens() + progress.outputTokens(),
                progress.costUsd(),
                progress.lastStep());
        if (!line.equals(last)) {
          context.err().println(line);
          last = line;
        }
        for (HumanQuestion question : progress.questions()) {
          if (asked.add(question.toolCallId())) {
            context
                .err()
                .println(
                    "the run asks (tool call "
                        + question.toolCallId()
                        + "): "
                        + question.question());
          }
        }
      }
    }
  }

  /** The report: from the trajectory file when this machine sees it, else from the outcome. */
  private static String report(RunResult result) {
    Path file = Path.of(result.trajectory());
    if (Files.isRegularFile(file)) {
      try {
        Trajectory run = TrajectoryReader.read(file);
        if (run.outcome() != null) {
          return Reports.markdown(run);
        }
      } catch (IOException | RuntimeException e) {
        // Fall back to the outcome the workflow returned.
      }
    }
    Outcome outcome = result.outcome();
    StringBuilder text = new StringBuilder();
    if (!outcome.answer().isBlank()) {
      text.append("**Answer:** ").append(outcome.answer().strip()).append("\n\n");
    }
    return text.append(outcome.report().strip()).append('\n').toString();
  }

  /** Starts an evaluation on Temporal, follows it and prints its summary; returns the exit code. */
  static int evaluate(CliContext context, TemporalOptions temporal, EvalInput input)
      throws Exception {
    WorkflowClient client = temporal.connect(context);
    try {
      TemporalResearch research = TemporalResearch.of(client, temporal.taskQueue);
      String evalId = research.evaluate(input);
      context.err().println("evaluation " + evalId + " started on " + temporal.describe());
      CompletableFuture<EvalSummary> summary =
          CompletableFuture.supplyAsync(() -> research.evaluation(evalId));
      EvalWorkflow.Progress last = null;
      while (true) {
        try {
          EvalSummary done = summary.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
          context.out().println(Evaluation.markdown(done));
          context.err().println("results: " + input.outputDir());
          return ExitCodes.OK;
        } catch (TimeoutException stillRunning) {
          EvalWorkflow.Progress progress = research.evaluationProgress(evalId);
          if (!progress.equals(last)) {
            context
                .err()
                .println(
                    progress.recorded()
                        + "/"
                        + progress.expected()
                        + " attempts recorded, "
                        + progress.running()
                        + " running, "
                        + progress.correct()
                        + " correct");
            last = progress;
          }
        }
      }
    } finally {
      client.getWorkflowServiceStubs().shutdown();
    }
  }
}
