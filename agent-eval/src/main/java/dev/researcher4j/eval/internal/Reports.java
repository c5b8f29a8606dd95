package dev.researcher4j.eval.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.DatasetProblem;
import dev.researcher4j.eval.Distribution;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.ItemStats;
import dev.researcher4j.eval.PassAtK;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code summary.json} and {@code summary.md}. */
public final class Reports {
  private Reports() {}

  /** The JSON summary's file name. */
  public static final String SUMMARY_JSON = "summary.json";

  /** The Markdown summary's file name. */
  public static final String SUMMARY_MD = "summary.md";

  /** Writes both summaries into {@code directory}. */
  public static void write(Path directory, EvalSummary summary) {
    try {
      writeAtomically(directory.resolve(SUMMARY_JSON), json(summary).toPrettyString() + "\n");
      writeAtomically(directory.resolve(SUMMARY_MD), markdown(summary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the summary in " + directory, e);
    }
  }

  /** Writes {@code text} to a temporary file and renames it over {@code file}. */
  static void writeAtomically(Path file, String text) throws IOException {
    Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".part");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** The summary as JSON (snake_case; NaN written as null). */
  public static ObjectNode json(EvalSummary s) {
    ObjectNode node = EvalJson.object();
    node.put("run_id", s.runId());
    node.put("dataset", s.dataset());
    node.put("k", s.k());
    node.put("items", s.items());
    node.put("attempts_expected", s.attemptsExpected());
    node.put("attempts_recorded", s.attemptsRecorded());
    node.put("complete", s.complete());
    ObjectNode labels = node.putObject("labels");
    for (Grade.Label label : Grade.Label.values()) {
      labels.put(label.name().toLowerCase(Locale.ROOT), s.count(label));
    }
    node.put("grader_errors", s.graderErrors());
    ObjectNode statuses = node.putObject("statuses");
    for (AttemptStatus status : AttemptStatus.values()) {
      statuses.put(status.jsonName(), s.count(status));
    }
    ObjectNode stops = node.putObject("stop_reasons");
    new java.util.TreeMap<>(s.stopReasons()).forEach(stops::put);
    ArrayNode passes = node.putArray("pass_at_k");
    for (PassAtK p : s.passAtK()) {
      ObjectNode entry = passes.addObject();
      entry.put("k", p.k());
      EvalJson.putNumber(entry, "value", p.value());
      entry.put("items", p.items());
      ArrayNode fewer = entry.putArray("items_with_fewer_attempts");
      p.itemsWithFewerAttempts().forEach(fewer::add);
    }
    EvalJson.putNumber(node, "pass_at_1", s.passAt1());
    EvalJson.putNumber(node, "avg_at_n", s.avgAtN());
    EvalJson.putNumber(node, "accuracy", s.accuracy());
    EvalJson.putNumber(node, "accuracy_ci95", s.accuracyCi95());
    EvalJson.putNumber(node, "calibration_error", s.calibrationError());
    node.put("confidences", s.confidences());
    putDistribution(node, "steps", s.steps());
    putDistribution(node, "tool_calls", s.toolCalls());
    putDistribution(node, "tokens", s.tokens());
    putDistribution(node, "cost_usd", s.costUsd());
    putDistribution(node, "seconds", s.seconds());
    node.put("total_cost_usd", s.totalCostUsd());
    ObjectNode skipped = node.putObject("skipped");
    s.skipped().forEach(skipped::put);
    ArrayNode problems = node.putArray("dataset_problems");
    for (DatasetProblem p : s.datasetProblems()) {
      problems
          .addObject()
          .put("line", p.line())
          .put("message", p.message())
          .put("excerpt", p.excerpt());
    }
    ArrayNode items = node.putArray("per_item");
    for (ItemStats i : s.perItem()) {
      ObjectNode entry = items.addObject();
      entry.put("item_id", i.itemId());
      entry.put("attempts", i.attempts());
      entry.put("n", i.n());
      entry.put("c", i.correct());
      entry.put("incorrect", i.incorrect());
      entry.put("not_attempted", i.notAttempted());
      entry.put("grader_errors", i.graderErrors());
      entry.put("timed_out", i.timedOut());
      entry.put("crashed", i.crashed());
      EvalJson.putNumber(entry, "avg", i.avg());
      ObjectNode byK = entry.putObject("pass_at_k");
      for (int k = 1; k <= Math.min(s.k(), i.n()); k++) {
        byK.put(String.valueOf(k), i.passAtK(k));
      }
      ArrayNode labelList = entry.putArray("labels");
      i.labels().forEach(l -> labelList.add(l.name().toLowerCase(Locale.ROOT)));
    }
    return node;
  }

  private static void putDistribution(ObjectNode node, String name, Distribution d) {
    ObjectNode entry = node.putObject(name);
    entry.put("count", d.count());
    EvalJson.putNumber(entry, "mean", d.mean());
    EvalJson.putNumber(entry, "p50", d.p50());
    EvalJson.putNumber(entry, "p95", d.p95());
    EvalJson.putNumber(entry, "max", d.max());
  }

  /** The summary as Markdown: a summary table and a per-item table. */
  public static String markdown(EvalSummary s) {
    StringBuilder md = new StringBuilder();
    md.append("# Evaluation ").append(escape(s.dataset())).append("\n\n");
    md.append("Run `").append(s.runId()).append("`");
    if (!s.complete()) {
      md.append(" — **incomplete**: ")
          .append(s.attemptsRecorded())
          .append(" of ")
          .append(s.attemptsExpected())
          .append(" attempts recorded");
    }
    md.append("\n\n| metric | value |\n|---|---|\n");
    row(md, "items", s.items() + skippedNote(s.skipped(), s.datasetProblems()));
    row(
        md,
        "attempts",
        s.attemptsRecorded() + " of " + s.attemptsExpected() + " (k = " + s.k() + ")");
    for (PassAtK p : s.passAtK()) {
      String note =
          p.complete()
              ? ""
              : " ("
                  + p.items()
                  + " items; "
                  + p.itemsWithFewerAttempts().size()
                  + " with fewer than "
                  + p.k()
                  + " graded attempts left out)";
      row(md, "pass@" + p.k(), percent(p.value()) + note);
    }
    row(md, "avg@n", percent(s.avgAtN()));
    row(
        md,
        "accuracy (unanswered = wrong)",
        percent(s.accuracy()) + " ± " + percent(s.accuracyCi95()) + " (95% CI)");
    row(
        md,
        "calibration error (RMS)",
        s.confidences() == 0
            ? "n/a (no confidences)"
            : percent(s.calibrationError()) + " over " + s.confidences() + " answers");
    row(
        md,
        "verdicts",
        String.format(
            Locale.ROOT,
            "%d correct, %d incorrect, %d not attempted, %d grader errors",
            s.count(Grade.Label.CORRECT),
            s.count(Grade.Label.INCORRECT),
            s.count(Grade.Label.NOT_ATTEMPTED),
            s.count(Grade.Label.GRADER_ERROR)));
    row(
        md,
        "attempts ended",
        String.format(
            Locale.ROOT,
            "%d finished, %d timed out, %d crashed",
            s.count(AttemptStatus.FINISHED),
            s.count(AttemptStatus.TIMED_OUT),
            s.count(AttemptStatus.CRASHED)));
    row(md, "steps (mean / p50 / p95)", triple(s.steps(), "%.1f"));
    row(md, "tool calls (mean / p50 / p95)", triple(s.toolCalls(), "%.1f"));
    row(md, "tokens (mean / p50 / p95)", triple(s.tokens(), "%.0f"));
    row(md, "cost USD (mean / p50 / p95)", triple(s.costUsd(), "%.4f"));
    row(md, "seconds (mean / p50 / p95)", triple(s.seconds(), "%.1f"));
    row(md, "total cost USD", String.format(Locale.ROOT, "%.4f", s.totalCostUsd()));

    md.append("\n## Items\n\n| item | n | c | avg | pass@")
        .append(s.k())
        .append(" | attempts | notes |\n|---|---|---|---|---|---|---|\n");
    for (ItemStats i : s.perItem()) {
      StringBuilder marks = new StringBuilder();
      for (Grade.Label l : i.labels()) {
        marks.append(
            switch (l) {
              case CORRECT -> "✓";
              case INCORRECT -> "✗";
              case NOT_ATTEMPTED -> "–";
              case GRADER_ERROR -> "?";
            });
      }
      StringBuilder notes = new StringBuilder();
      note(notes, i.graderErrors(), "grader error");
      note(notes, i.timedOut(), "timed out");
      note(notes, i.crashed(), "crashed");
      if (i.attempts() < s.k()) {
        note(notes, s.k() - i.attempts(), "missing");
      }
      md.append("| ")
          .append(escape(i.itemId()))
          .append(" | ")
          .append(i.n())
          .append(" | ")
          .append(i.correct())
          .append(" | ")
          .append(percent(i.avg()))
          .append(" | ")
          .append(i.n() >= s.k() ? percent(i.passAtK(s.k())) : "n/a")
          .append(" | ")
          .append(marks)
          .append(" | ")
          .append(notes)
          .append(" |\n");
    }
    md.append("\n✓ correct · ✗ incorrect · – not attempted · ? grader error\n");
    return md.toString();
  }

  private static void note(StringBuilder notes, int count, String what) {
    if (count > 0) {
      if (notes.length() > 0) {
        notes.append(", ");
      }
      notes.append(count).append(' ').append(what);
    }
  }

  private static String skippedNote(Map<String, Integer> skipped, List<DatasetProblem> problems) {
    StringBuilder note = new StringBuilder();
    int total = skipped.values().stream().mapToInt(Integer::intValue).sum();
    if (total > 0) {
      note.append(" (").append(total).append(" skipped: ");
      StringBuilder reasons = new StringBuilder();
      skipped.forEach(
          (reason, count) -> {
            if (reasons.length() > 0) {
              reasons.append("; ");
            }
            reasons.append(count).append(' ').append(escape(reason));
          });
      note.append(reasons).append(')');
    }
    if (!problems.isEmpty()) {
      note.append(" (").append(problems.size()).append(" unreadable lines)");
    }
    return note.toString();
  }

  private static void row(StringBuilder md, String metric, String value) {
    md.append("| ").append(metric).append(" | ").append(value).append(" |\n");
  }

  private static String triple(Distribution d, String format) {
    if (d.count() == 0) {
      return "n/a";
    }
    return String.format(
        Locale.ROOT, format + " / " + format + " / " + format, d.mean(), d.p50(), d.p95());
  }

  static String percent(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100 * value);
  }

  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
  }
}
