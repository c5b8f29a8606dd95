package dev.researcher4j.core.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.internal.json.JsonExtraction;
import dev.researcher4j.core.internal.structured.SourcedJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The typed result of a run whose task had an output schema: the value, and for every field that
 * holds one (every cell of a list of records) the ids of the sources it rests on, with the fields
 * whose check failed flagged.
 *
 * <pre>{@code
 * record Phone(String name, double priceUsd, LocalDate released) {}
 * record Phones(List<Phone> phones) {}
 *
 * TypedResult<Phones> result = agent.run(Task.of("Flagship phones of 2025"), Phones.class);
 * for (CitedField field : result.fields()) {
 *   System.out.println(field.path() + " " + field.value() + " " + field.sourceIds() + " " + field.flag());
 * }
 * }</pre>
 *
 * <p>{@link #json()} is the answer as the command line prints it: the value with, in every object,
 * {@code _sources} (field name to source ids) and {@code _flags} (field name to why it failed its
 * check, only when one did). A flagged field is kept in the value, so nothing is silently dropped;
 * check {@link #flagged()} before trusting it. Immutable and thread-safe.
 *
 * @param <T> the type of the value
 */
public final class TypedResult<T> {

  private final Trajectory trajectory;
  private final JsonNode json;
  private final T value;
  private final String problem;
  private final List<CitedField> fields;

  private TypedResult(
      Trajectory trajectory, JsonNode json, T value, String problem, List<CitedField> fields) {
    this.trajectory = trajectory;
    this.json = json;
    this.value = value;
    this.problem = problem;
    this.fields = List.copyOf(fields);
  }

  /**
   * The typed result of {@code trajectory}, its value read as {@code type}.
   *
   * @throws IllegalArgumentException if the run did not ask for a typed answer (its task had no
   *     output schema)
   * @throws IllegalStateException if the run is unfinished
   */
  public static <T> TypedResult<T> of(Trajectory trajectory, Class<T> type) {
    Objects.requireNonNull(trajectory, "trajectory is required, but was null");
    Objects.requireNonNull(type, "type is required, but was null");
    if (!trajectory.header().task().hasOutputSchema()) {
      throw new IllegalArgumentException(
          "run " + trajectory.runId() + " did not ask for a typed answer (no output schema)");
    }
    Outcome outcome = trajectory.requireOutcome();
    if (outcome.answer().isBlank()) {
      String why = outcome.error().isBlank() ? "the run gave no answer" : outcome.error();
      return new TypedResult<>(trajectory, null, null, why, List.of());
    }
    JsonNode json;
    try {
      json = JsonExtraction.LENIENT.readTree(outcome.answer());
    } catch (JsonProcessingException e) {
      return new TypedResult<>(
          trajectory, null, null, "the answer is not JSON: " + e.getOriginalMessage(), List.of());
    }
    List<CitedField> fields = new ArrayList<>();
    for (SourcedJson.Field field : SourcedJson.fields(json)) {
      JsonNode flag = json.at(parent(field.pointer())).path(SourcedJson.FLAGS).path(name(field));
      fields.add(
          new CitedField(
              field.pointer(),
              field.value(),
              field.sourceIds(),
              flag.isTextual() ? flag.asText() : ""));
    }
    try {
      T value = JsonExtraction.LENIENT.treeToValue(SourcedJson.plain(json), type);
      return new TypedResult<>(trajectory, json, value, "", fields);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why =
          "the answer does not fit "
              + type.getSimpleName()
              + ": "
              + (e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage());
      return new TypedResult<>(trajectory, json, null, why, fields);
    }
  }

  /** The run's trajectory. */
  public Trajectory trajectory() {
    return trajectory;
  }

  /** The run's outcome (stop reason, warnings, report). */
  public Outcome outcome() {
    return trajectory.requireOutcome();
  }

  /** Whether there is a value: the run answered, and its answer fits the type. */
  public boolean hasValue() {
    return value != null;
  }

  /**
   * The value.
   *
   * @throws IllegalStateException if there is none; the message says why (the run failed, the
   *     answer does not fit the type)
   */
  public T value() {
    if (value == null) {
      throw new IllegalStateException("no typed value: " + problem);
    }
    return value;
  }

  /** Why there is no value, or empty when there is one. */
  public String problem() {
    return problem;
  }

  /**
   * The answer with {@code _sources} and {@code _flags} in every object, as the command line prints
   * it; {@code null} when the run gave no JSON answer.
   */
  public JsonNode json() {
    return json == null ? null : json.deepCopy();
  }

  /** Every field holding a value, in document order. */
  public List<CitedField> fields() {
    return fields;
  }

  /** The fields whose check failed. */
  public List<CitedField> flagged() {
    return fields.stream().filter(CitedField::isFlagged).toList();
  }

  /**
   * The source ids of the field at {@code path} (a JSON Pointer such as {@code /phones/0/name}).
   *
   * @throws IllegalArgumentException if no field holding a value is there
   */
  public List<String> sourcesOf(String path) {
    return fields.stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .map(CitedField::sourceIds)
        .orElseThrow(() -> new IllegalArgumentException("no field with a value at " + path));
  }

  /** The sources the fields cite, in id order. */
  public List<Source> sources() {
    return outcome().sources();
  }

  private static String parent(String pointer) {
    return pointer.substring(0, pointer.lastIndexOf('/'));
  }

  private static String name(SourcedJson.Field field) {
    String token = field.pointer().substring(field.pointer().lastIndexOf('/') + 1);
    return token.replace("~1", "/").replace("~0", "~");
  }

  @Override
  public String toString() {
    return "TypedResult{run="
        + trajectory.runId()
        + ", value="
        + (value != null ? "present" : "none: " + problem)
        + ", fields="
        + fields.size()
        + ", flagged="
        + flagged().size()
        + "}";
  }
}
