package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.core.internal.port.ModelCallResult;
import dev.researcher4j.core.internal.port.ToolOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What came of an {@link Action}, handed back to the {@link Loop}. Every event carries the time it
 * happened (recorded times when a resumed run replays its record), which is the only way time
 * reaches the loop.
 */
public sealed interface Event {

  /** The run's time when the event happened. */
  Instant now();

  /**
   * The planning stage ended.
   *
   * @param plan the plan as text for the task message, or empty when planning failed
   * @param calls what the stage's model calls spent
   * @param stop set when the run must stop (cancelled, time ran out), else {@code null}
   */
  record Planned(String plan, List<ModelUse> calls, Stop stop, Instant now) implements Event {
    /** Copies the calls. */
    public Planned {
      calls = List.copyOf(calls);
    }
  }

  /**
   * The compaction stage ended.
   *
   * @param messages the compacted history, or {@code null} when it was left as it was
   * @param tokensAfter the estimated prompt tokens of the history now
   */
  record Compacted(
      List<Message> messages, long tokensAfter, List<ModelUse> calls, Stop stop, Instant now)
      implements Event {
    /** Copies the lists. */
    public Compacted {
      messages = messages == null ? null : List.copyOf(messages);
      calls = List.copyOf(calls);
    }
  }

  /**
   * An act-loop model call answered.
   *
   * @param sent the request as sent (a replayed call's recorded request)
   * @param response the response as the model gave it
   * @param reply the reply as it goes into the conversation (usable call ids, tool calls written as
   *     text markup turned into tool calls)
   * @param unreadableCalls why the reply's tool-call markup could not be read, or empty
   * @param took how long the call took
   */
  record ModelReplied(
      ChatRequest sent,
      ChatResponse response,
      Message reply,
      String unreadableCalls,
      boolean replayed,
      java.time.Duration took,
      Instant now)
      implements Event {}

  /** An act-loop model call failed. */
  record ModelFailed(
      ModelCallResult.Failure failure, String message, java.time.Duration took, Instant now)
      implements Event {}

  /** A tool batch ended; {@code outcomes} in call order. */
  record ToolsRan(List<ToolOutcome> outcomes, Instant now) implements Event {
    /** Copies the outcomes. */
    public ToolsRan {
      outcomes = List.copyOf(outcomes);
    }
  }

  /** The verification stage checked a draft. */
  record Verified(DraftCheck.Checked checked, List<ModelUse> calls, Stop stop, Instant now)
      implements Event {
    /** Copies the calls. */
    public Verified {
      calls = List.copyOf(calls);
    }
  }

  /**
   * The run must stop: cancelled, its record could not be written, the executor refused work, or
   * something failed that the loop did not expect.
   */
  record Stopped(Stop stop, Instant now) implements Event {
    /** Checks the fields. */
    public Stopped {
      Objects.requireNonNull(stop, "stop");
    }
  }

  /** Why a run stops early, with the message for its outcome. */
  record Stop(StopReason reason, String message) {
    /** Checks the fields. */
    public Stop {
      Objects.requireNonNull(reason, "reason");
      message = message == null ? "" : message;
    }

    /** The run was cancelled by its caller. */
    public static Stop cancelled() {
      return new Stop(StopReason.CANCELLED, "cancelled by the caller");
    }
  }
}
