package dev.researcher4j.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A question for an agent, with what the asker wants back.
 *
 * <p>{@code attempt} and {@code groupId} matter when one question is run several times (pass@k,
 * GRPO groups): the attempts of one question share a group id and count from 1.
 *
 * <p>With an {@code outputSchema} the answer is a JSON value matching it instead of a line of text,
 * and every object of it says which sources each of its fields rests on (a typed, cited result).
 *
 * @param id a stable id for the question (a dataset item id, say); random when not given
 * @param question what to find out
 * @param instructions extra guidance for this task (scope, audience, what to leave out), or empty
 * @param outputFormat how the answer should look (e.g. "a number", "one paragraph"), or empty
 * @param attempt which attempt at this question this is, from 1
 * @param groupId the id shared by all attempts at this question; the task id when not given
 * @param metadata free-form facts carried into the trajectory (dataset name, split, …)
 * @param outputSchema the JSON Schema the answer must match, or {@code null} for an answer in text
 */
public record Task(
    String id,
    String question,
    String instructions,
    String outputFormat,
    int attempt,
    String groupId,
    Map<String, String> metadata,
    ObjectNode outputSchema) {

  /** A task whose answer is text (no output schema). */
  public Task(
      String id,
      String question,
      String instructions,
      String outputFormat,
      int attempt,
      String groupId,
      Map<String, String> metadata) {
    this(id, question, instructions, outputFormat, attempt, groupId, metadata, null);
  }

  /** Checks the fields and copies the schema. */
  public Task {
    id = Checks.required(id, "id");
    question = Checks.required(question, "question");
    instructions = Checks.text(instructions);
    outputFormat = Checks.text(outputFormat);
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, but was " + attempt);
    }
    groupId = groupId == null || groupId.isBlank() ? id : groupId;
    metadata = Checks.map(metadata);
    outputSchema = outputSchema == null ? null : outputSchema.deepCopy();
  }

  /** A copy of the output schema, or {@code null} when the answer is text. */
  @Override
  public ObjectNode outputSchema() {
    return outputSchema == null ? null : outputSchema.deepCopy();
  }

  /** Whether the answer must be a JSON value matching an {@link #outputSchema()}. */
  public boolean hasOutputSchema() {
    return outputSchema != null;
  }

  /** A task for this question with a random id. */
  public static Task of(String question) {
    return builder(question).build();
  }

  /** A builder for a task asking {@code question}. */
  public static Builder builder(String question) {
    return new Builder(question);
  }

  /** A builder starting from this task. */
  public Builder toBuilder() {
    Builder b = new Builder(question);
    b.id = id;
    b.instructions = instructions;
    b.outputFormat = outputFormat;
    b.attempt = attempt;
    b.groupId = groupId;
    b.metadata.putAll(metadata);
    b.outputSchema = outputSchema;
    return b;
  }

  /** The same task as attempt number {@code n} of its group. */
  public Task withAttempt(int n) {
    return new Task(id, question, instructions, outputFormat, n, groupId, metadata, outputSchema);
  }

  /** Builds a {@link Task}. Not thread-safe. */
  public static final class Builder {
    private final String question;
    private String id;
    private String instructions = "";
    private String outputFormat = "";
    private int attempt = 1;
    private String groupId;
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private ObjectNode outputSchema;

    private Builder(String question) {
      this.question = Objects.requireNonNull(question, "question is required, but was null");
    }

    /** Sets the id; default: a random UUID. */
    public Builder id(String id) {
      this.id = Checks.required(id, "id");
      return this;
    }

    /** Sets extra guidance; default: none. */
    public Builder instructions(String instructions) {
      this.instructions = Checks.text(instructions);
      return this;
    }

    /** Sets how the answer should look; default: no constraint. */
    public Builder outputFormat(String outputFormat) {
      this.outputFormat = Checks.text(outputFormat);
      return this;
    }

    /** Sets the attempt number (from 1); default 1. */
    public Builder attempt(int attempt) {
      if (attempt < 1) {
        throw new IllegalArgumentException("attempt counts from 1, but was " + attempt);
      }
      this.attempt = attempt;
      return this;
    }

    /** Sets the group id; default: the task id. */
    public Builder groupId(String groupId) {
      this.groupId = Checks.required(groupId, "groupId");
      return this;
    }

    /** Adds one metadata entry. */
    public Builder metadata(String key, String value) {
      metadata.put(Checks.required(key, "metadata key"), Checks.text(value));
      return this;
    }

    /**
     * Asks for the answer as a JSON value matching {@code schema} (an object schema, or an array of
     * objects), each object citing the sources of its fields; {@code null} for an answer in text.
     * Default: none.
     *
     * @throws IllegalArgumentException if the schema's {@code type} is neither {@code object} nor
     *     {@code array}
     */
    public Builder outputSchema(ObjectNode schema) {
      if (schema != null) {
        String type = schema.path("type").asText("");
        if (!type.equals("object") && !type.equals("array")) {
          throw new IllegalArgumentException(
              "outputSchema must describe an object or an array, but its type was '" + type + "'");
        }
      }
      this.outputSchema = schema == null ? null : schema.deepCopy();
      return this;
    }

    /** Builds the task. */
    public Task build() {
      String taskId = id != null ? id : UUID.randomUUID().toString();
      return new Task(
          taskId, question, instructions, outputFormat, attempt, groupId, metadata, outputSchema);
    }
  }
}
