package dev.researcher4j.core.trajectory.replay;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.internal.trajectory.RecordedCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link ChatModel} that replays the model turns of a recorded {@link Trajectory}, so a run can
 * be re-executed deterministically without a live model: the n-th call gets the n-th recorded
 * response (planning, act, verification and compaction calls alike, in step order), and a call that
 * failed in the record fails again the same way. This is how to write regression tests for an
 * agent: record a run once, then check that the agent still makes the same requests.
 *
 * <pre>{@code
 * Trajectory recorded = TrajectoryReader.read(Path.of("runs/run-1.jsonl"));
 * ReplayChatModel model = ReplayChatModel.of(recorded);
 * Trajectory again = ResearchAgent.builder()
 *     .chatModel(model)
 *     .tools(ReplayTools.of(recorded))           // or the live tools
 *     .clock(FakeClock.at(recorded.header().startedAt()))
 *     .build()
 *     .run(recorded.header().task());
 * model.verify();                                // throws ReplayDivergenceException
 * }</pre>
 *
 * <p>Each request is compared with the recorded one (messages, tools, tool choice, response format,
 * options); the first difference is a {@link ReplayDivergenceException} naming the step and what
 * differed, thrown from the call and kept for {@link #verify()} (a run turns exceptions from its
 * model into failed steps, or, during verification, into unverified claims, so the test must ask).
 * The system prompt holds today's date: give the agent a clock at the recorded start, as above, or
 * switch comparison off with {@link Builder#compareRequests(boolean)}.
 *
 * <p>{@link #info()} reports the recorded model, so context management judges the same window.
 * Thread-safe; one instance replays one run.
 */
public final class ReplayChatModel implements ChatModel {

  /** A recorded model call: the step it was made in and the request and response, or a failure. */
  private record Turn(
      int stepIndex, StepKind kind, ChatRequest request, ChatResponse response, Step error) {}

  private final Trajectory recorded;
  private final List<Turn> turns;
  private final boolean compareRequests;
  private int next;
  private ReplayDivergenceException divergence;

  private ReplayChatModel(Builder b) {
    this.recorded = b.recorded;
    this.compareRequests = b.compareRequests;
    this.turns = turns(b.recorded);
  }

  /** A model replaying {@code recorded}, comparing every request with the recorded one. */
  public static ReplayChatModel of(Trajectory recorded) {
    return builder(recorded).build();
  }

  /** A builder replaying {@code recorded}. */
  public static Builder builder(Trajectory recorded) {
    return new Builder(Objects.requireNonNull(recorded, "recorded is required, but was null"));
  }

  private static List<Turn> turns(Trajectory trajectory) {
    List<Turn> turns = new ArrayList<>();
    for (Step step : trajectory.steps()) {
      if (step.modelCall() != null) {
        turns.add(
            new Turn(
                step.index(),
                step.kind(),
                step.modelCall().request(),
                step.modelCall().response(),
                null));
      } else if (RecordedCalls.isFailedCall(step)) {
        turns.add(new Turn(step.index(), StepKind.ERROR, null, null, step));
      }
    }
    return turns;
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    Objects.requireNonNull(request, "request");
    Turn turn;
    synchronized (this) {
      if (divergence != null) {
        throw divergence;
      }
      if (next >= turns.size()) {
        // The extra call comes after everything the record holds.
        int step = recorded.steps().size();
        throw diverged(
            new ReplayDivergenceException(
                step,
                ReplayDivergenceException.Kind.EXTRA_CALL,
                "the run made model call #"
                    + (next + 1)
                    + ", but only "
                    + turns.size()
                    + " were recorded",
                "",
                lastMessage(request)));
      }
      turn = turns.get(next++);
      if (turn.error() == null && compareRequests) {
        String difference = difference(turn.request(), request);
        if (difference != null) {
          throw diverged(
              new ReplayDivergenceException(
                  turn.stepIndex(),
                  ReplayDivergenceException.Kind.REQUEST,
                  "the " + turn.kind() + " request differs: " + difference,
                  "",
                  ""));
        }
      }
    }
    if (turn.error() != null) {
      throw RecordedCalls.failure(turn.error());
    }
    return turn.response();
  }

  /** The model the record was made with. */
  @Override
  public ModelInfo info() {
    return recorded.header().model();
  }

  /**
   * Checks that the run made exactly the recorded calls with the recorded requests.
   *
   * @throws ReplayDivergenceException the first divergence, or a {@link
   *     ReplayDivergenceException.Kind#MISSING_CALL} when recorded calls were left over
   */
  public synchronized void verify() {
    if (divergence != null) {
      throw divergence;
    }
    if (next < turns.size()) {
      Turn missing = turns.get(next);
      throw new ReplayDivergenceException(
          missing.stepIndex(),
          ReplayDivergenceException.Kind.MISSING_CALL,
          "the run ended after "
              + next
              + " model calls, but "
              + turns.size()
              + " were recorded; the next was a "
              + missing.kind()
              + " call",
          "",
          "");
    }
  }

  /** The first divergence, if any happened. */
  public synchronized Optional<ReplayDivergenceException> divergence() {
    return Optional.ofNullable(divergence);
  }

  /** How many recorded calls were replayed. */
  public synchronized int replayedCalls() {
    return next;
  }

  /** How many recorded calls there are. */
  public int recordedCalls() {
    return turns.size();
  }

  private ReplayDivergenceException diverged(ReplayDivergenceException e) {
    divergence = e;
    return e;
  }

  /** The first difference between a recorded and a new request, in words, or null. */
  static String difference(ChatRequest recorded, ChatRequest now) {
    List<Message> was = recorded.messages();
    List<Message> is = now.messages();
    for (int i = 0; i < Math.min(was.size(), is.size()); i++) {
      String d = messageDifference(was.get(i), is.get(i));
      if (d != null) {
        return "message " + i + " (" + was.get(i).role() + ") " + d;
      }
    }
    if (was.size() != is.size()) {
      return "it has "
          + is.size()
          + " messages, the recorded one "
          + was.size()
          + (is.size() > was.size()
              ? "; the first extra: " + describe(is.get(was.size()))
              : "; the first missing: " + describe(was.get(is.size())));
    }
    if (!names(recorded.tools()).equals(names(now.tools()))) {
      return "it offers the tools "
          + names(now.tools())
          + ", the recorded one "
          + names(recorded.tools());
    }
    if (!recorded.tools().equals(now.tools())) {
      return "a tool's description or parameters changed";
    }
    if (!recorded.toolChoice().equals(now.toolChoice())) {
      return "tool choice "
          + now.toolChoice().mode()
          + ", recorded "
          + recorded.toolChoice().mode();
    }
    if (!Objects.equals(recorded.parallelToolCalls(), now.parallelToolCalls())) {
      return "parallel_tool_calls "
          + now.parallelToolCalls()
          + ", recorded "
          + recorded.parallelToolCalls();
    }
    if (!recorded.responseFormat().equals(now.responseFormat())) {
      return "response format "
          + now.responseFormat().type()
          + " "
          + now.responseFormat().name()
          + ", recorded "
          + recorded.responseFormat().type()
          + " "
          + recorded.responseFormat().name();
    }
    if (!recorded.options().equals(now.options())) {
      return "options " + now.options() + ", recorded " + recorded.options();
    }
    return null;
  }

  private static String messageDifference(Message was, Message is) {
    if (was.role() != is.role()) {
      return "has role " + is.role();
    }
    if (!was.content().equals(is.content())) {
      return "content differs at character "
          + firstDifference(was.content(), is.content())
          + ": recorded "
          + excerpt(was.content(), is.content())
          + ", now "
          + excerpt(is.content(), was.content());
    }
    if (!was.toolCalls().equals(is.toolCalls())) {
      return "asks for tool calls "
          + calls(is.toolCalls())
          + ", recorded "
          + calls(was.toolCalls());
    }
    if (!was.toolCallId().equals(is.toolCallId()) || !was.name().equals(is.name())) {
      return "answers call " + is.toolCallId() + ", recorded " + was.toolCallId();
    }
    if (!was.reasoning().equals(is.reasoning())) {
      return "has other reasoning";
    }
    return null;
  }

  private static int firstDifference(String a, String b) {
    int i = 0;
    while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    return i;
  }

  /** Around the first difference of {@code text} from {@code other}, quoted. */
  private static String excerpt(String text, String other) {
    int at = firstDifference(text, other);
    int from = Math.max(0, at - 20);
    int to = Math.min(text.length(), at + 60);
    return (from > 0 ? "\"…" : "\"")
        + text.substring(from, to).replace("\n", "\\n")
        + (to < text.length() ? "…\"" : "\"");
  }

  private static String calls(List<ToolCall> calls) {
    return calls.stream()
        .map(c -> c.id() + " " + c.name() + " " + c.arguments())
        .toList()
        .toString();
  }

  private static List<String> names(List<ToolSpec> tools) {
    return tools.stream().map(ToolSpec::name).toList();
  }

  private static String describe(Message message) {
    String content = message.content();
    return message.role()
        + " \""
        + (content.length() <= 60 ? content : content.substring(0, 60) + "…").replace("\n", "\\n")
        + "\"";
  }

  private static String lastMessage(ChatRequest request) {
    return describe(request.messages().get(request.messages().size() - 1));
  }

  /** Builds a {@link ReplayChatModel}. Not thread-safe. */
  public static final class Builder {
    private final Trajectory recorded;
    private boolean compareRequests = true;

    private Builder(Trajectory recorded) {
      this.recorded = recorded;
    }

    /**
     * Whether each request is compared with the recorded one; default true. Without it only the
     * number of calls is checked.
     */
    public Builder compareRequests(boolean compareRequests) {
      this.compareRequests = compareRequests;
      return this;
    }

    /** Builds the model. */
    public ReplayChatModel build() {
      return new ReplayChatModel(this);
    }
  }
}
