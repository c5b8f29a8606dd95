package dev.researcher4j.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.export.FineTuningRows;
import dev.researcher4j.eval.internal.DatasetFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hard-case mining: picks the items an evaluation found hard, writes them as a new dataset with
 * their provenance, and exports the correct attempts at them as fine-tuning rows — so that failures
 * feed the next round of training.
 *
 * <pre>{@code
 * EvalResults results = EvalResults.read(Path.of("runs/hle"));
 * List<HardCase> hard = HardCases.select(dataset, results, HardCaseFilter.parse("pass@4 < 0.5"));
 * HardCases.writeDataset(hard, results, Path.of("hle-hard.jsonl"));
 * HardCases.writeFineTuningRows(hard, results, TrajectoryStore.jsonFiles(Path.of("runs/hle")),
 *     Path.of("hle-hard-sft.jsonl"));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class HardCases {
  private HardCases() {}

  private static final Logger LOG = LoggerFactory.getLogger(HardCases.class);

  /** What a fine-tuning export wrote and what it could not read. */
  public record Export(int rows, int trajectories, List<String> failures) {
    /** Copies the list. */
    public Export {
      failures = List.copyOf(failures);
    }
  }

  /** The items of {@code dataset} that {@code filter} chooses from {@code results}, in order. */
  public static List<HardCase> select(Dataset dataset, EvalResults results, HardCaseFilter filter) {
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(filter, "filter");
    Map<String, List<AttemptResult>> byItem = results.byItem();
    List<HardCase> chosen = new ArrayList<>();
    for (EvalItem item : dataset.items()) {
      ItemStats stats = ItemStats.of(item.id(), byItem.getOrDefault(item.id(), List.of()));
      filter.select(stats).ifPresent(reason -> chosen.add(new HardCase(item, stats, reason)));
    }
    return chosen;
  }

  /**
   * Writes the chosen items as a dataset (JSON Lines that {@link Dataset#load} reads), each with a
   * {@code provenance} object: {@code source_dataset}, {@code eval_run}, {@code n}, {@code c},
   * {@code attempts}, {@code grader_errors}, {@code reason}.
   *
   * @return the number of items written
   */
  public static int writeDataset(List<HardCase> cases, EvalResults results, Path file) {
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(results, "results");
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (HardCase hard : cases) {
        ObjectNode row = DatasetFormat.toJson(hard.item());
        ObjectNode provenance = row.putObject("provenance");
        provenance.put("source_dataset", results.dataset());
        provenance.put("eval_run", results.runId());
        provenance.put("n", hard.stats().n());
        provenance.put("c", hard.stats().correct());
        provenance.put("attempts", hard.stats().attempts());
        provenance.put("grader_errors", hard.stats().graderErrors());
        provenance.put("reason", hard.reason());
        writer.write(row.toString());
        writer.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return cases.size();
  }

  /**
   * Writes the correct attempts at the chosen items as OpenAI fine-tuning rows ({@link
   * FineTuningRows#of}), loading their trajectories from {@code store}. Trajectories that cannot be
   * loaded are listed in the result, not fatal.
   */
  public static Export writeFineTuningRows(
      List<HardCase> cases, EvalResults results, TrajectoryStore store, Path file) {
    Objects.requireNonNull(cases, "cases");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(store, "store");
    Map<String, List<AttemptResult>> byItem = results.byItem();
    int rows = 0;
    int trajectories = 0;
    List<String> failures = new ArrayList<>();
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (HardCase hard : cases) {
        for (AttemptResult attempt : byItem.getOrDefault(hard.item().id(), List.of())) {
          if (!attempt.correct()) {
            continue;
          }
          String where = hard.item().id() + " attempt " + attempt.attempt();
          if (attempt.trajectory().isEmpty()) {
            failures.add(where + ": no trajectory was saved");
            continue;
          }
          Trajectory trajectory;
          try {
            trajectory = store.load(attempt.trajectory());
          } catch (RuntimeException e) {
            LOG.warn("{}: cannot load {}: {}", where, attempt.trajectory(), e.toString());
            failures.add(where + ": " + e.getMessage());
            continue;
          }
          trajectories++;
          for (ObjectNode row : FineTuningRows.of(trajectory)) {
            writer.write(row.toString());
            writer.write('\n');
            rows++;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return new Export(rows, trajectories, failures);
  }
}
