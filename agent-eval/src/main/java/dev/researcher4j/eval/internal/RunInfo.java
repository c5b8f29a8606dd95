package dev.researcher4j.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code eval.json}: the run id (kept across resumes, so trajectories and mined datasets can name
 * their evaluation), the dataset name, k and when the run was created.
 */
public record RunInfo(String runId, String dataset, int k, Instant createdAt) {

  /** The file name. */
  public static final String FILE = "eval.json";

  /** Reads {@code directory/eval.json}, if there is one. */
  public static Optional<RunInfo> read(Path directory) {
    Path file = directory.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = EvalJson.LINES.readTree(Files.readString(file, StandardCharsets.UTF_8));
      String created = EvalJson.text(node, "created_at");
      return Optional.of(
          new RunInfo(
              EvalJson.text(node, "run_id"),
              EvalJson.text(node, "dataset"),
              (int) EvalJson.integer(node, "k", 0),
              created.isEmpty() ? Instant.EPOCH : Instant.parse(created)));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          file + " is unreadable (" + e.getMessage() + "); fix or delete it to start afresh", e);
    }
  }

  /** A new run. */
  public static RunInfo create(String dataset, int k, Instant now) {
    return new RunInfo("eval-" + UUID.randomUUID(), dataset, k, now);
  }

  /** A copy with another k. */
  public RunInfo withK(int newK) {
    return new RunInfo(runId, dataset, newK, createdAt);
  }

  /** Writes {@code directory/eval.json}. */
  public void write(Path directory) {
    ObjectNode node = EvalJson.object();
    node.put("run_id", runId);
    node.put("dataset", dataset);
    node.put("k", k);
    node.put("created_at", createdAt.toString());
    try {
      Reports.writeAtomically(directory.resolve(FILE), node.toPrettyString() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + directory.resolve(FILE), e);
    }
  }
}
