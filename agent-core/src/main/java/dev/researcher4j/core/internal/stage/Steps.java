package dev.researcher4j.core.internal.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.ToolBatch;
import dev.researcher4j.core.internal.port.ToolOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the steps a run records, in the shapes the trajectory schema documents for each kind's
 * {@code data}. Pure.
 */
public final class Steps {
  private Steps() {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A model call's step. */
  public static Step model(
      int index,
      StepKind kind,
      ModelCallResult call,
      boolean historyRewritten,
      JsonNode data,
      String summary) {
    return new Step(
        index,
        kind,
        call.startedAt(),
        call.endedAt(),
        new ModelCall(call.sent(), call.response(), historyRewritten),
        List.of(),
        call.response().usage(),
        summary,
        data,
        "");
  }

  /** A step holding only data (a stage that made no model call, or its details). */
  public static Step data(int index, StepKind kind, Instant at, JsonNode data, String summary) {
    return new Step(index, kind, at, at, null, List.of(), Usage.ZERO, summary, data, "");
  }

  /**
   * The error step of a failed model call: {@code call_failure} says how the call ended ({@code
   * failed}, {@code timeout}, {@code cancelled}, {@code rejected}), which a resumed run needs to
   * end the call the same way.
   */
  public static Step callError(int index, StepKind during, ModelCallResult call) {
    ObjectNode data = NODES.objectNode();
    data.put("during", during.name());
    data.put("call_failure", call.failure().wireName());
    ResearchException error = call.error();
    if (error != null && error.getMessage() != null) {
      data.put("error_message", error.getMessage());
    }
    if (!call.errorType().isEmpty()) {
      data.put("error_type", call.errorType());
    }
    if (error != null) {
      data.put("retryable", error.isRetryable());
      if (error.statusCode() != 0) {
        data.put("status_code", error.statusCode());
      }
      if (!error.provider().isEmpty()) {
        data.put("provider", error.provider());
      }
      if (!error.errorCode().isEmpty()) {
        data.put("error_code", error.errorCode());
      }
    }
    return new Step(
        index,
        StepKind.ERROR,
        call.startedAt(),
        call.endedAt(),
        null,
        List.of(),
        Usage.ZERO,
        call.message(),
        data,
        call.message());
  }

  /** An error step for a failure outside a model call. */
  public static Step error(
      int index, StepKind during, Instant at, String message, String errorType) {
    ObjectNode data = NODES.objectNode();
    data.put("during", during.name());
    if (!errorType.isEmpty()) {
      data.put("error_type", errorType);
    }
    return new Step(
        index, StepKind.ERROR, at, at, null, List.of(), Usage.ZERO, message, data, message);
  }

  /**
   * A tools step: the executions, and in {@code data} the failures' details ({@code errors}), what
   * the model was shown when it saw less than the full result ({@code shown}), and the calls
   * skipped because a budget was spent.
   */
  public static Step tools(
      int index, ToolBatch batch, List<ToolCall> skipped, String skippedBecause, Instant endedAt) {
    ObjectNode data = NODES.objectNode();
    ObjectNode errors = NODES.objectNode();
    ObjectNode shown = NODES.objectNode();
    ObjectNode approvals = NODES.objectNode();
    List<ToolExecution> executions = new ArrayList<>();
    int failed = 0;
    for (ToolOutcome outcome : batch.outcomes()) {
      ToolExecution execution = outcome.execution();
      executions.add(execution);
      if (execution.status().isFailure()) {
        failed++;
      }
      if (!outcome.detail().isEmpty()) {
        errors.put(execution.call().id(), outcome.detail());
      }
      if (outcome.approval() != null) {
        approvals
            .putObject(execution.call().id())
            .put("approved", outcome.approval().approved())
            .put("note", outcome.approval().note());
      }
      if (!outcome.modelText().equals(execution.result().content())) {
        // The model saw less than the full result; keep what it saw, so a resumed run can
        // rebuild the conversation without running the tool again.
        shown.put(execution.call().id(), outcome.modelText());
      }
    }
    if (!errors.isEmpty()) {
      data.set("errors", errors);
    }
    if (!shown.isEmpty()) {
      data.set("shown", shown);
    }
    if (!approvals.isEmpty()) {
      data.set("approvals", approvals);
    }
    if (!skipped.isEmpty()) {
      ArrayNode ids = data.putArray("skipped");
      skipped.forEach(c -> ids.add(c.id()));
      data.put("skipped_because", skippedBecause);
    }
    int ran = batch.outcomes().size();
    String summary =
        "ran "
            + ran
            + " tool call"
            + (ran == 1 ? "" : "s")
            + (failed > 0 ? ", " + failed + " failed" : "")
            + (skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " (budget)");
    return new Step(
        index,
        StepKind.TOOLS,
        batch.startedAt(),
        endedAt,
        null,
        executions,
        Usage.ZERO,
        summary,
        data.isEmpty() ? null : data,
        "");
  }

  /** The final step: how the run ended and what it cited. */
  public static Step fin(
      int index, Instant at, Outcome outcome, int sourcesSeen, int verificationRounds) {
    ObjectNode data = NODES.objectNode();
    data.put("stop_reason", outcome.stopReason().name());
    data.put("answer", outcome.answer());
    ArrayNode cited = data.putArray("cited_source_ids");
    outcome.sources().forEach(source -> cited.add(source.id()));
    data.put("sources_seen", sourcesSeen);
    data.put("unsupported_citations", outcome.unsupportedCitations().size());
    data.put("verification_rounds", verificationRounds);
    if (!outcome.warnings().isEmpty()) {
      ArrayNode warnings = data.putArray("warnings");
      outcome.warnings().forEach(w -> warnings.add(w.kind().name()));
    }
    String summary =
        outcome.stopReason().name().toLowerCase(Locale.ROOT)
            + (outcome.hasAnswer()
                ? "; " + outcome.sources().size() + " sources cited"
                : "; no answer")
            + (outcome.unsupportedCitations().isEmpty()
                ? ""
                : "; " + outcome.unsupportedCitations().size() + " unsupported citations")
            + (outcome.warnings().isEmpty()
                ? ""
                : "; "
                    + outcome.warnings().size()
                    + " warning"
                    + (outcome.warnings().size() == 1 ? "" : "s"));
    return new Step(
        index, StepKind.FINAL, at, at, null, List.of(), Usage.ZERO, summary, data, outcome.error());
  }

  /** The summary for a model step: what the reply did, for people reading the record. */
  public static String modelSummary(ChatResponse response, Message reply, boolean finalCall) {
    List<ToolCall> calls = reply.toolCalls();
    if (!calls.isEmpty() && !finalCall) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      calls.forEach(c -> counts.merge(c.name(), 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      counts.forEach((name, n) -> parts.add(n == 1 ? name : name + " ×" + n));
      return "asked for "
          + calls.size()
          + " tool call"
          + (calls.size() == 1 ? "" : "s")
          + ": "
          + String.join(", ", parts)
          + (response.toolCalls().isEmpty() ? " (written as text)" : "");
    }
    if (!calls.isEmpty()) {
      return "asked for tool calls although no more were allowed";
    }
    if (response.finishReason() == FinishReason.CONTENT_FILTER) {
      return "stopped by the provider's content filter";
    }
    if (response.text().isBlank()) {
      return "empty reply";
    }
    String cut = response.finishReason() == FinishReason.LENGTH ? ", cut off" : "";
    return (finalCall ? "wrote the final answer (" : "wrote a reply (")
        + response.text().length()
        + " characters"
        + cut
        + ")";
  }
}
