package dev.researcher4j.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Grade;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.AttemptStatus;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code results.jsonl}: one line per attempt, appended as attempts finish.
 *
 * <p>A process killed while writing leaves at most a half-written last line. {@link #repair}
 * removes such a line (its attempt was not recorded, so it is run again), or, when the line is
 * complete JSON that only lacks its newline, keeps it and adds the newline. Unreadable lines in the
 * middle are reported and left in place: they are not deleted, only not counted.
 */
public final class ResultsFile {
  private ResultsFile() {}

  /** What a results file held. */
  public record Contents(List<AttemptResult> results, List<Integer> unreadableLines) {}

  /** What {@link #repair} did to the end of a file. */
  public enum Repair {
    /** The file ended cleanly (or did not exist). */
    NONE,
    /** The last line was complete JSON without a newline; the newline was added. */
    NEWLINE_ADDED,
    /** The last line was half-written; it was removed. */
    PARTIAL_LINE_REMOVED
  }

  /** Reads every readable line of {@code file}; a missing file is empty. */
  public static Contents read(Path file) {
    if (!Files.exists(file)) {
      return new Contents(List.of(), List.of());
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<AttemptResult> results = new ArrayList<>();
    List<Integer> unreadable = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      try {
        results.add(fromJson(EvalJson.LINES.readTree(line)));
      } catch (IOException | RuntimeException e) {
        unreadable.add(i + 1);
      }
    }
    return new Contents(results, unreadable);
  }

  /** Makes {@code file} end with a complete line, so that appends start on a line of their own. */
  public static Repair repair(Path file) {
    if (!Files.exists(file)) {
      return Repair.NONE;
    }
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      if (size == 0 || lastByte(channel, size) == '\n') {
        return Repair.NONE;
      }
      long lineStart = size;
      while (lineStart > 0 && lastByte(channel, lineStart) != '\n') {
        lineStart--;
      }
      ByteBuffer tail = ByteBuffer.allocate((int) (size - lineStart));
      channel.read(tail, lineStart);
      String last = new String(tail.array(), StandardCharsets.UTF_8);
      boolean complete;
      try {
        fromJson(EvalJson.LINES.readTree(last));
        complete = true;
      } catch (IOException | RuntimeException e) {
        complete = false;
      }
      if (complete) {
        channel.write(ByteBuffer.wrap(new byte[] {'\n'}), size);
        return Repair.NEWLINE_ADDED;
      }
      channel.truncate(lineStart);
      return Repair.PARTIAL_LINE_REMOVED;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot repair " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte lastByte(FileChannel channel, long end) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    channel.read(one, end - 1);
    return one.get(0);
  }

  /** Appends lines to a results file, one complete line per write. Thread-safe. */
  public static final class Appender implements Closeable {
    private final BufferedWriter writer;

    /** Opens {@code file} for appending, creating it. */
    public Appender(Path file) {
      try {
        this.writer =
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
      }
    }

    /** Appends one result and flushes, so that a crash loses at most the line being written. */
    public synchronized void append(AttemptResult result) {
      try {
        writer.write(toJson(result).toString());
        writer.write('\n');
        writer.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append a result: " + e.getMessage(), e);
      }
    }

    @Override
    public synchronized void close() throws IOException {
      writer.close();
    }
  }

  /** A result as a line. */
  public static ObjectNode toJson(AttemptResult r) {
    ObjectNode node = EvalJson.object();
    node.put("item_id", r.itemId());
    node.put("attempt", r.attempt());
    node.put("status", r.status().jsonName());
    node.put("answer", r.answer());
    node.put("label", r.grade().label().name().toLowerCase(Locale.ROOT));
    node.put("score", r.grade().score());
    EvalJson.putNumber(node, "confidence", r.grade().confidence());
    node.put("grader", r.grade().grader());
    node.put("judge_model", r.grade().judgeModel());
    node.put("extracted_answer", r.grade().extractedAnswer());
    node.put("explanation", r.grade().explanation());
    node.put("steps", r.steps());
    node.put("tool_calls", r.toolCalls());
    node.put("input_tokens", r.inputTokens());
    node.put("output_tokens", r.outputTokens());
    node.put("tokens", r.tokens());
    node.put("cost_usd", r.costUsd());
    node.put("elapsed_ms", r.elapsed().toMillis());
    node.put("stop_reason", r.stopReason());
    node.put("trajectory", r.trajectory());
    node.put("error", r.error());
    EvalJson.putNumber(node, "reward", r.reward());
    node.put("finished_at", r.finishedAt().toString());
    return node;
  }

  /** A result from a line. */
  public static AttemptResult fromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Grade grade = gradeFromJson(node);
    String finished = EvalJson.text(node, "finished_at");
    return new AttemptResult(
        EvalJson.text(node, "item_id"),
        (int) EvalJson.integer(node, "attempt", 0),
        AttemptStatus.fromJsonName(EvalJson.text(node, "status")),
        EvalJson.text(node, "answer"),
        grade,
        (int) EvalJson.integer(node, "steps", 0),
        (int) EvalJson.integer(node, "tool_calls", 0),
        EvalJson.integer(node, "input_tokens", 0),
        EvalJson.integer(node, "output_tokens", 0),
        EvalJson.number(node, "cost_usd", 0),
        Duration.ofMillis(EvalJson.integer(node, "elapsed_ms", 0)),
        EvalJson.text(node, "stop_reason"),
        EvalJson.text(node, "trajectory"),
        EvalJson.text(node, "error"),
        EvalJson.number(node, "reward", Double.NaN),
        finished.isEmpty() ? Instant.EPOCH : Instant.parse(finished));
  }

  /** A grade as JSON. */
  public static ObjectNode gradeToJson(Grade grade) {
    ObjectNode node = EvalJson.object();
    node.put("grader", grade.grader());
    node.put("judge_model", grade.judgeModel());
    node.put("label", grade.label().name().toLowerCase(Locale.ROOT));
    node.put("score", grade.score());
    node.put("extracted_answer", grade.extractedAnswer());
    node.put("explanation", grade.explanation());
    EvalJson.putNumber(node, "confidence", grade.confidence());
    return node;
  }

  /** A grade from JSON. */
  public static Grade gradeFromJson(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("grade is not a JSON object");
    }
    return new Grade(
        EvalJson.text(node, "grader"),
        EvalJson.text(node, "judge_model"),
        Grade.Label.valueOf(EvalJson.text(node, "label").toUpperCase(Locale.ROOT)),
        EvalJson.number(node, "score", 0),
        EvalJson.text(node, "extracted_answer"),
        EvalJson.text(node, "explanation"),
        EvalJson.number(node, "confidence", Double.NaN));
  }
}
