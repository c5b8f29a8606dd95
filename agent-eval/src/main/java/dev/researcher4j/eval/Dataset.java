package dev.researcher4j.eval;

import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.eval.internal.DatasetFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The items of an evaluation, with a record of what was left out while reading them.
 *
 * <p>Files are JSON Lines, one item per line. The reader is tolerant of the field names the common
 * public benchmarks use, line by line:
 *
 * <ul>
 *   <li>id: {@code id}, {@code task_id} (GAIA), {@code question_id}, {@code index}, FRAMES' unnamed
 *       index column ({@code ""} or {@code "Unnamed: 0"}); when there is none, {@code q-} and a
 *       hash of the question, so ids stay stable when lines move;
 *   <li>question: {@code question}, {@code Question} (GAIA), {@code problem} (SimpleQA,
 *       BrowseComp), {@code Prompt} (FRAMES), {@code input}, {@code prompt}, {@code query};
 *   <li>answer: {@code answer}, {@code Answer} (FRAMES), {@code Final answer} (GAIA), {@code
 *       target}, {@code reference}, {@code expected_answer}, {@code ground_truth}, {@code gold};
 *   <li>{@code answer_type} ({@code exactMatch}/{@code multipleChoice} in HLE, or this package's
 *       {@code exact}, {@code numeric}, {@code multiple_choice}, {@code free_text}), {@code
 *       grader}, and a {@code metadata} object; every other field is kept in {@link
 *       EvalItem#metadata()}.
 * </ul>
 *
 * <p>Items the agent cannot handle are {@linkplain #skipped() skipped with a reason}, never
 * silently: a non-empty HLE {@code image} (the agent reads text only), a non-empty GAIA {@code
 * file_name} (the item needs an attached file), no or a placeholder ({@code ?}) reference answer,
 * an id seen before. Lines that are not items at all (not JSON, not an object, no question) are
 * {@linkplain #problems() reported with their line numbers}: {@link #load(Path)} tolerates them so
 * that one bad line does not stop a long evaluation, and every one of them is listed in the
 * summary; {@link #loadStrict(Path)} fails on the first. Blank lines are ignored.
 *
 * <p>Immutable and thread-safe.
 */
public final class Dataset {

  private final String name;
  private final List<EvalItem> items;
  private final List<SkippedItem> skipped;
  private final List<DatasetProblem> problems;
  private final Map<String, EvalItem> byId;

  private Dataset(
      String name, List<EvalItem> items, List<SkippedItem> skipped, List<DatasetProblem> problems) {
    this.name = name;
    this.items = List.copyOf(items);
    this.skipped = List.copyOf(skipped);
    this.problems = List.copyOf(problems);
    Map<String, EvalItem> index = new LinkedHashMap<>();
    for (EvalItem item : this.items) {
      if (index.putIfAbsent(item.id(), item) != null) {
        throw new IllegalArgumentException(
            "item ids must be unique, but " + item.id() + " repeats");
      }
    }
    this.byId = index;
  }

  /**
   * A dataset of these items.
   *
   * @throws IllegalArgumentException if two items share an id
   */
  public static Dataset of(String name, List<EvalItem> items) {
    return new Dataset(requireName(name), items, List.of(), List.of());
  }

  /**
   * Reads a JSON Lines file, tolerating malformed lines (they are listed in {@link #problems()}).
   * The dataset's name is the file name without its last extension.
   *
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Dataset load(Path file) {
    return read(file, false);
  }

  /**
   * Reads a JSON Lines file and fails on the first malformed line.
   *
   * @throws ConfigurationException naming the file and line of the first malformed line
   * @throws UncheckedIOException if the file cannot be read
   */
  public static Dataset loadStrict(Path file) {
    return read(file, true);
  }

  /** Reads JSON Lines text (tolerant, as {@link #load(Path)}). */
  public static Dataset parse(String name, String jsonLines) {
    try {
      return read(requireName(name), new StringReader(jsonLines), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Dataset read(Path file, boolean strict) {
    Objects.requireNonNull(file, "file is required, but was null");
    String fileName = file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    String name = dot > 0 ? fileName.substring(0, dot) : fileName;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(name, reader, strict);
    } catch (ConfigurationException e) {
      throw new ConfigurationException(file + " " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
    }
  }

  private static Dataset read(String name, Reader reader, boolean strict) throws IOException {
    DatasetFormat.Parsed parsed = DatasetFormat.parse(new BufferedReader(reader));
    if (strict && !parsed.problems().isEmpty()) {
      throw new ConfigurationException(parsed.problems().get(0).toString());
    }
    return new Dataset(name, parsed.items(), parsed.skipped(), parsed.problems());
  }

  /** The dataset's name (the file name without extension when loaded from a file). */
  public String name() {
    return name;
  }

  /** The items, in file order. */
  public List<EvalItem> items() {
    return items;
  }

  /** The number of items. */
  public int size() {
    return items.size();
  }

  /** The item with this id. */
  public Optional<EvalItem> item(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Lines read but left out, with the reason for each. */
  public List<SkippedItem> skipped() {
    return skipped;
  }

  /** Skipped items counted by reason, in the order the reasons first occurred. */
  public Map<String, Integer> skippedByReason() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (SkippedItem s : skipped) {
      counts.merge(s.reason(), 1, Integer::sum);
    }
    return counts;
  }

  /** Lines that could not be read as items, with their line numbers. */
  public List<DatasetProblem> problems() {
    return problems;
  }

  /**
   * Writes the items as JSON Lines in this package's own field names ({@code id}, {@code question},
   * {@code answer}, {@code answer_type}, {@code grader}, {@code metadata}), which {@link #load}
   * reads back unchanged.
   */
  public void write(Path file) {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (EvalItem item : items) {
        writer.write(DatasetFormat.toJson(item).toString());
        writer.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dataset " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "Dataset{"
        + name
        + ", items="
        + items.size()
        + ", skipped="
        + skipped.size()
        + ", problems="
        + problems.size()
        + '}';
  }

  private static String requireName(String name) {
    Objects.requireNonNull(name, "name is required, but was null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name is required, but was blank");
    }
    return name;
  }
}
