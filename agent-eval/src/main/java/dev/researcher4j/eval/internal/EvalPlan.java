package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Task;
import dev.researcher4j.eval.AnswerType;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.EvalItem;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an evaluation directory asks for: its run id ({@code eval.json}, created on first use), the
 * attempts already recorded in {@code results.jsonl} (a half-written last line removed), and the
 * attempts still to run, in dataset order.
 *
 * @param info the evaluation run's info
 * @param resultsFile the results file
 * @param pending the attempts still to run
 * @param done attempts already recorded
 * @param correct of those, correct ones
 * @param graded of those, graded ones (not grader errors)
 * @param graderErrors of those, grader errors
 * @param costUsd what those cost
 */
public record EvalPlan(
    RunInfo info,
    Path resultsFile,
    List<Pending> pending,
    int done,
    int correct,
    int graded,
    int graderErrors,
    double costUsd) {

  private static final Logger LOG = LoggerFactory.getLogger(EvalPlan.class);

  /** One attempt to run. */
  public record Pending(EvalItem item, int attempt) {}

  /** Reads (and prepares) {@code dir} for {@code dataset} at {@code k} attempts per item. */
  public static EvalPlan prepare(Path dir, Dataset dataset, int k, Clock clock) {
    RunInfo info =
        RunInfo.read(dir).orElseGet(() -> RunInfo.create(dataset.name(), k, clock.instant()));
    if (!info.dataset().equals(dataset.name())) {
      LOG.warn(
          "{} holds results of dataset '{}'; evaluating '{}' into it",
          dir,
          info.dataset(),
          dataset.name());
    }
    info.withK(Math.max(k, info.k())).write(dir);

    Path resultsPath = dir.resolve(EvalRunner.RESULTS);
    ResultsFile.Repair repair = ResultsFile.repair(resultsPath);
    if (repair == ResultsFile.Repair.PARTIAL_LINE_REMOVED) {
      LOG.warn("{}: removed a half-written last line; its attempt will run again", resultsPath);
    }
    ResultsFile.Contents existing = ResultsFile.read(resultsPath);
    if (!existing.unreadableLines().isEmpty()) {
      LOG.warn(
          "{}: lines {} are unreadable and not counted; their attempts will run again",
          resultsPath,
          existing.unreadableLines());
    }
    Set<String> done = new HashSet<>();
    int correct = 0;
    int graded = 0;
    int errors = 0;
    double cost = 0;
    for (AttemptResult r : existing.results()) {
      if (r.attempt() <= k
          && dataset.item(r.itemId()).isPresent()
          && done.add(key(r.itemId(), r.attempt()))) {
        correct += r.correct() ? 1 : 0;
        graded += r.label() == Grade.Label.GRADER_ERROR ? 0 : 1;
        errors += r.label() == Grade.Label.GRADER_ERROR ? 1 : 0;
        cost += r.costUsd();
      }
    }
    List<Pending> pending = new ArrayList<>();
    for (EvalItem item : dataset.items()) {
      for (int attempt = 1; attempt <= k; attempt++) {
        if (!done.contains(key(item.id(), attempt))) {
          pending.add(new Pending(item, attempt));
        }
      }
    }
    return new EvalPlan(
        info, resultsPath, List.copyOf(pending), done.size(), correct, graded, errors, cost);
  }

  private static String key(String itemId, int attempt) {
    return itemId + "\u0000" + attempt;
  }

  /** The task of one attempt at {@code item}, as the evaluation asks it. */
  public static Task task(
      String runId, Dataset dataset, String instructions, EvalItem item, int attempt) {
    return Task.builder(item.question())
        .id(item.id())
        .groupId(item.id())
        .attempt(attempt)
        .instructions(instructions)
        .outputFormat(outputFormat(item.answerType()))
        .metadata("dataset", dataset.name())
        .metadata("eval_run", runId)
        .build();
  }

  /** What the agent is told about the answer's shape, from the item's answer type. */
  static String outputFormat(AnswerType type) {
    return switch (type) {
      case EXACT -> "a short, exact answer (a name, number, date or short phrase)";
      case NUMERIC -> "a number, with its unit if it has one";
      case MULTIPLE_CHOICE -> "the letter of the correct option (e.g. C)";
      case FREE_TEXT, UNSPECIFIED -> "";
    };
  }
}
