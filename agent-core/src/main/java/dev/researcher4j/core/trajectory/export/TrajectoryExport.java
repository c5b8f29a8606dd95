package dev.researcher4j.core.trajectory.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Exports trajectories as training data, one JSON object per line: OpenAI's chat fine-tuning format
 * ({@link #openAi()}) or the {@value RlRollouts#FORMAT} rollout format for RL trainers ({@link
 * #rl()}), after a {@link TrajectoryFilter} chose the runs and a {@link Redaction} cleaned every
 * string.
 *
 * <pre>{@code
 * ExportSummary sft = TrajectoryExport.openAi()
 *     .filter(TrajectoryFilter.successful())
 *     .build()
 *     .write(List.of(Path.of("runs")), Path.of("sft.jsonl"));
 *
 * ExportSummary rl = TrajectoryExport.rl()
 *     .rewardFunction(RewardFunction.custom().gamma(0.9).build())
 *     .redaction(Redaction.builder().pattern("ACME-\\d+").build())
 *     .build()
 *     .write(List.of(Path.of("eval/trajectories")), Path.of("rollouts.jsonl"));
 * }</pre>
 *
 * <p><b>OpenAI chat rows</b> ({@link FineTuningRows}): {@code messages} (system, user, assistant
 * with {@code tool_calls: [{id, type: "function", function: {name, arguments}}]} — arguments a JSON
 * string — and {@code weight} 0 or 1, tool messages with {@code tool_call_id}), {@code tools} and
 * {@code parallel_tool_calls}; by default one row per run (a run whose history was compacted gives
 * one row per stretch between rewrites), or one row per model turn with {@link Builder#perTurn()}.
 * <b>Rollout rows</b> are described on {@link RlRollouts}.
 *
 * <p>Defaults: every finished run ({@link TrajectoryFilter#all()}), {@link Redaction#defaults()},
 * one row per run, the trajectories' own rewards. Inputs are trajectory files or directories,
 * searched recursively for {@code *.jsonl} files; files that are not trajectories are listed in the
 * summary and skipped. Immutable and thread-safe.
 */
public final class TrajectoryExport {

  /** The export formats. */
  public enum Format {
    /** OpenAI's chat fine-tuning format. */
    OPENAI_CHAT,
    /** The researcher4j rollout format for RL trainers. */
    RL_ROLLOUT
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Format format;
  private final boolean perTurn;
  private final TrajectoryFilter filter;
  private final Redaction redaction;
  private final RolloutReward rewardFunction;

  private TrajectoryExport(Builder b) {
    this.format = b.format;
    this.perTurn = b.perTurn;
    this.filter = b.filter;
    this.redaction = b.redaction;
    this.rewardFunction = b.rewardFunction;
  }

  /** A builder of an OpenAI chat fine-tuning export. */
  public static Builder openAi() {
    return new Builder(Format.OPENAI_CHAT);
  }

  /** A builder of an RL rollout export. */
  public static Builder rl() {
    return new Builder(Format.RL_ROLLOUT);
  }

  /** The format. */
  public Format format() {
    return format;
  }

  /**
   * The rows of one trajectory, redacted; none when the filter leaves it out or it has no model
   * turn.
   */
  public List<ObjectNode> rows(Trajectory trajectory) {
    Objects.requireNonNull(trajectory, "trajectory is required, but was null");
    if (!trajectory.isFinished() || !filter.test(trajectory)) {
      return List.of();
    }
    List<ObjectNode> rows =
        switch (format) {
          case OPENAI_CHAT ->
              perTurn ? FineTuningRows.perTurn(trajectory) : FineTuningRows.of(trajectory);
          case RL_ROLLOUT -> RlRollouts.of(trajectory, rewardFunction).stream().toList();
        };
    rows.forEach(redaction::applyTo);
    return rows;
  }

  /**
   * Reads every trajectory under {@code inputs} (files, or directories searched for {@code *.jsonl}
   * files) in path order and writes their rows to {@code output} (replaced if it exists).
   *
   * @throws IOException if a directory cannot be listed or the output cannot be written
   */
  public ExportSummary write(Collection<Path> inputs, Path output) throws IOException {
    Objects.requireNonNull(inputs, "inputs is required, but was null");
    Objects.requireNonNull(output, "output is required, but was null");
    List<Path> files = files(inputs, output);
    List<String> unreadable = new ArrayList<>();
    int exported = 0;
    int filteredOut = 0;
    int rows = 0;
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (Path file : files) {
        Trajectory trajectory;
        try {
          trajectory = TrajectoryReader.read(file);
        } catch (IOException e) {
          unreadable.add(file + ": " + e.getMessage());
          continue;
        }
        List<ObjectNode> fileRows = rows(trajectory);
        if (fileRows.isEmpty()) {
          filteredOut++;
          continue;
        }
        exported++;
        for (ObjectNode row : fileRows) {
          out.write(line(row));
          out.write('\n');
          rows++;
        }
      }
    }
    return new ExportSummary(output, files.size(), exported, filteredOut, rows, unreadable);
  }

  private static String line(ObjectNode row) {
    try {
      return JSON.writeValueAsString(row);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write an export row", e);
    }
  }

  private static List<Path> files(Collection<Path> inputs, Path output) throws IOException {
    List<Path> files = new ArrayList<>();
    Path out = output.toAbsolutePath().normalize();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> p.getFileName().toString().endsWith(".jsonl"))
              .filter(p -> !p.toAbsolutePath().normalize().equals(out))
              .sorted()
              .forEach(files::add);
        }
      } else if (Files.isRegularFile(input)) {
        files.add(input);
      } else {
        throw new IOException("no such file or directory: " + input);
      }
    }
    return files;
  }

  /**
   * Builds a {@link TrajectoryExport}; defaults are stated on {@link TrajectoryExport}. Not
   * thread-safe.
   */
  public static final class Builder {
    private final Format format;
    private boolean perTurn;
    private TrajectoryFilter filter = TrajectoryFilter.all();
    private Redaction redaction = Redaction.defaults();
    private RolloutReward rewardFunction;

    private Builder(Format format) {
      this.format = format;
    }

    /** One row per model turn (OpenAI chat format only), training only that turn's reply. */
    public Builder perTurn() {
      if (format != Format.OPENAI_CHAT) {
        throw new IllegalStateException("perTurn applies to the OpenAI chat format, not " + format);
      }
      this.perTurn = true;
      return this;
    }

    /** One row per run (the default). */
    public Builder perTrajectory() {
      this.perTurn = false;
      return this;
    }

    /** Which runs to export; default {@link TrajectoryFilter#all()} (every finished run). */
    public Builder filter(TrajectoryFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter is required, but was null");
      return this;
    }

    /** What to redact; default {@link Redaction#defaults()}. */
    public Builder redaction(Redaction redaction) {
      this.redaction = Objects.requireNonNull(redaction, "redaction is required, but was null");
      return this;
    }

    /**
     * Recomputes rewards from each run's last grade, with its {@code γ} for step rewards (RL format
     * only); default: the trajectories' own rewards, no decay.
     */
    public Builder rewardFunction(RolloutReward rewardFunction) {
      if (format != Format.RL_ROLLOUT) {
        throw new IllegalStateException(
            "rewardFunction applies to the RL rollout format, not " + format);
      }
      this.rewardFunction =
          Objects.requireNonNull(rewardFunction, "rewardFunction is required, but was null");
      return this;
    }

    /** Builds the export. */
    public TrajectoryExport build() {
      return new TrajectoryExport(this);
    }
  }
}
