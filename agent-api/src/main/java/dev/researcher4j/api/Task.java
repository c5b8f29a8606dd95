package dev.researcher4j.api;

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
 * @param id a stable id for the question (a dataset item id, say); random when not given
 * @param question what to find out
 * @param instructions extra guidance for this task (scope, audience, what to leave out), or empty
 * @param outputFormat how the answer should look (e.g. "a number", "one paragraph"), or empty
 * @param attempt which attempt at this question this is, from 1
 * @param groupId the id shared by all attempts at this question; the task id when not given
 * @param metadata free-form facts carried into the trajectory (dataset name, split, …)
 */
public record Task(
    String id,
    String question,
    String instructions,
    String outputFormat,
    int attempt,
    String groupId,
    Map<String, String> metadata) {

  /** Checks the fields. */
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
    return b;
  }

  /** The same task as attempt number {@code n} of its group. */
  public Task withAttempt(int n) {
    return new Task(id, question, instructions, outputFormat, n, groupId, metadata);
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

    /** Builds the task. */
    public Task build() {
      String taskId = id != null ? id : UUID.randomUUID().toString();
      return new Task(taskId, question, instructions, outputFormat, attempt, groupId, metadata);
    }
  }
}
