package dev.researcher4j.core.human;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A question a run puts to the person it works for.
 *
 * @param runId the run asking
 * @param toolCallId the {@code ask_user} call that asked, to match the reply with the trajectory
 * @param question the question, as the model wrote it
 * @param why why the answer matters to the research, or empty
 * @param options answers the model suggests, possibly empty (the person may answer otherwise)
 * @param askedAt when it was asked, by the run's clock
 */
public record HumanQuestion(
    String runId,
    String toolCallId,
    String question,
    String why,
    List<String> options,
    Instant askedAt) {

  /** Checks the fields and copies the options. */
  public HumanQuestion {
    Objects.requireNonNull(runId, "runId is required, but was null");
    Objects.requireNonNull(toolCallId, "toolCallId is required, but was null");
    Objects.requireNonNull(question, "question is required, but was null");
    if (question.isBlank()) {
      throw new IllegalArgumentException("question must not be blank");
    }
    why = why == null ? "" : why;
    options = options == null ? List.of() : List.copyOf(options);
    Objects.requireNonNull(askedAt, "askedAt is required, but was null");
  }
}
