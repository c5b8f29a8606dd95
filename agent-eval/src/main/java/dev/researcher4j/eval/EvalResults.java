package dev.researcher4j.eval;

import dev.researcher4j.eval.internal.ResultsFile;
import dev.researcher4j.eval.internal.RunInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results an evaluation directory holds: its run id, dataset name and every recorded attempt.
 *
 * @param runId the evaluation run's id, or empty when the directory has no {@code eval.json}
 * @param dataset the dataset's name, or empty when unknown
 * @param attempts every readable line of {@code results.jsonl}, in file order
 */
public record EvalResults(String runId, String dataset, List<AttemptResult> attempts) {

  /** Checks and copies. */
  public EvalResults {
    runId = runId == null ? "" : runId;
    dataset = dataset == null ? "" : dataset;
    attempts = List.copyOf(attempts);
  }

  /** Reads the results in {@code directory} (an evaluation's output directory). */
  public static EvalResults read(Path directory) {
    Objects.requireNonNull(directory, "directory is required, but was null");
    RunInfo info = RunInfo.read(directory).orElse(null);
    List<AttemptResult> results =
        ResultsFile.read(directory.resolve(Evaluation.RESULTS_FILE)).results();
    return new EvalResults(
        info == null ? "" : info.runId(), info == null ? "" : info.dataset(), results);
  }

  /** The attempts grouped by item id, each group in attempt order; first result per attempt. */
  public Map<String, List<AttemptResult>> byItem() {
    Map<String, Map<Integer, AttemptResult>> grouped = new LinkedHashMap<>();
    for (AttemptResult r : attempts) {
      grouped
          .computeIfAbsent(r.itemId(), id -> new java.util.TreeMap<>())
          .putIfAbsent(r.attempt(), r);
    }
    Map<String, List<AttemptResult>> result = new LinkedHashMap<>();
    grouped.forEach((id, map) -> result.put(id, new ArrayList<>(map.values())));
    return result;
  }

  /** The counts of one item's attempts (empty counts when it has none). */
  public ItemStats stats(String itemId) {
    return ItemStats.of(itemId, byItem().getOrDefault(itemId, List.of()));
  }
}
