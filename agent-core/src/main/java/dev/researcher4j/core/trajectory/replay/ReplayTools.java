package dev.researcher4j.core.trajectory.replay;

import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Tools that answer from a recorded {@link Trajectory} instead of running: one {@link Tool} per
 * tool spec of the record, each answering a call by its call id with the recorded result, so a run
 * replayed with {@link ReplayChatModel} needs no network either.
 *
 * <p>A recorded call comes back as the tool gave it: its text (without the source list the run
 * appended), the sources it returned (the run registers them and appends their ids as before), and
 * the sources it registered through its context, registered again in the recorded id order, so
 * every source gets the id it had (calls of one turn that register sources through the context wait
 * for each other briefly for that; they must all fit in the agent's parallel-call limit). A call
 * that threw is thrown again with the message the model saw; one that timed out, met an open
 * circuit or was cancelled comes back as an error result with the recorded text (its status is then
 * {@code ERROR}). Calls the run answered without the tool (cached, unknown, invalid) are not asked
 * of it in a faithful replay either.
 *
 * <p>A call the record does not hold, or holds with another tool name or other arguments, is a
 * {@link ReplayDivergenceException}: thrown from the call (so the model sees an error) and kept for
 * {@link #verify()}. Use the agent's recorded tool policies (result limits, caching), or results
 * the model sees will differ. Thread-safe; one instance replays one run.
 */
public final class ReplayTools {

  /** How long a call waits for sources of parallel calls with lower ids to be registered. */
  private static final long ORDER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

  private static final String EXCEPTION_PREFIX = "Error: %s failed: ";
  private static final String EXCEPTION_SUFFIX = ". Try different arguments or another tool.";

  private record Recorded(int stepIndex, ToolExecution execution) {}

  private final List<ToolSpec> specs;
  private final Map<String, Recorded> byCallId = new LinkedHashMap<>();
  private final Set<String> replayed = new HashSet<>();
  private final Object order = new Object();
  private ReplayDivergenceException divergence;

  private ReplayTools(Trajectory recorded) {
    this.specs = recorded.header().tools();
    for (Step step : recorded.steps()) {
      for (ToolExecution execution : step.toolExecutions()) {
        if (reachesTool(execution.status())) {
          byCallId.putIfAbsent(execution.call().id(), new Recorded(step.index(), execution));
        }
      }
    }
  }

  /** Replaying tools for {@code recorded}. */
  public static ReplayTools of(Trajectory recorded) {
    return new ReplayTools(Objects.requireNonNull(recorded, "recorded is required, but was null"));
  }

  /** One replaying tool per tool spec of the record, in the record's order. */
  public List<Tool> tools() {
    return specs.stream().map(spec -> (Tool) new Replaying(spec)).toList();
  }

  /**
   * Checks that every call the run made was recorded as it was made.
   *
   * @throws ReplayDivergenceException the first divergence
   */
  public synchronized void verify() {
    if (divergence != null) {
      throw divergence;
    }
  }

  /** The first divergence, if any happened. */
  public synchronized Optional<ReplayDivergenceException> divergence() {
    return Optional.ofNullable(divergence);
  }

  /** How many recorded calls were answered. */
  public synchronized int replayedCalls() {
    return replayed.size();
  }

  private static boolean reachesTool(ToolExecution.Status status) {
    return switch (status) {
      case CACHED, UNKNOWN_TOOL, INVALID_ARGUMENTS -> false;
      default -> true;
    };
  }

  private synchronized Recorded lookUp(ToolCall call) {
    Recorded recorded = byCallId.get(call.id());
    if (recorded == null) {
      int step =
          byCallId.values().stream()
              .filter(r -> !replayed.contains(r.execution().call().id()))
              .mapToInt(Recorded::stepIndex)
              .findFirst()
              .orElse(-1);
      throw diverged(
          new ReplayDivergenceException(
              Math.max(step, 0),
              ReplayDivergenceException.Kind.TOOL_CALL,
              "tool call " + call.id() + " was not recorded",
              "",
              call.name() + " " + call.arguments()));
    }
    ToolCall was = recorded.execution().call();
    if (!was.name().equals(call.name()) || !sameArguments(was, call)) {
      throw diverged(
          new ReplayDivergenceException(
              recorded.stepIndex(),
              ReplayDivergenceException.Kind.TOOL_CALL,
              "tool call " + call.id() + " differs",
              was.name() + " " + was.arguments(),
              call.name() + " " + call.arguments()));
    }
    replayed.add(call.id());
    return recorded;
  }

  private static boolean sameArguments(ToolCall was, ToolCall is) {
    if (was.arguments().equals(is.arguments())) {
      return true;
    }
    return was.hasValidArguments()
        && is.hasValidArguments()
        && was.parsedArguments().equals(is.parsedArguments());
  }

  private ReplayDivergenceException diverged(ReplayDivergenceException e) {
    if (divergence == null) {
      divergence = e;
    }
    return e;
  }

  private ToolResult answer(ToolCall call, ToolContext context) {
    ToolExecution execution = lookUp(call).execution();
    ToolResult result = execution.result();
    if (execution.status() == ToolExecution.Status.EXCEPTION) {
      throw new NonRetryableException(exceptionMessage(call.name(), result.content()));
    }
    if (execution.status() != ToolExecution.Status.OK
        && execution.status() != ToolExecution.Status.ERROR) {
      return ToolResult.error(result.content());
    }
    Split split = split(result);
    for (Source source : split.registered()) {
      register(context, source);
    }
    return new ToolResult(split.content(), split.returned(), result.error());
  }

  /** Registers a source the tool registered itself, after those with lower ids. */
  private void register(ToolContext context, Source source) {
    int number = number(source.id());
    long deadline = System.nanoTime() + ORDER_WAIT_NANOS;
    synchronized (order) {
      while (number > 0 && context.sources().size() < number - 1) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(order, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      context.registerSource(unregistered(source));
      order.notifyAll();
    }
  }

  /** A recorded result taken apart: the tool's own text and which sources it returned. */
  private record Split(String content, List<Source> returned, List<Source> registered) {}

  /**
   * Splits a recorded result into what the tool returned. The run appended {@code \n\nSources:} and
   * a line {@code [S3] title — url} for each source the tool returned; the other sources of the
   * result were registered through the context.
   */
  private static Split split(ToolResult result) {
    String content = result.content();
    Map<String, Source> byId = new LinkedHashMap<>();
    result.sources().forEach(s -> byId.put(s.id(), s));
    int at = content.lastIndexOf("\n\nSources:\n[");
    List<Source> returned = new ArrayList<>();
    if (at >= 0) {
      StringBuilder expected = new StringBuilder();
      for (String line : content.substring(at + "\n\nSources:\n".length()).split("\n", -1)) {
        int close = line.indexOf("] ");
        Source source =
            line.startsWith("[") && close > 0 ? byId.get(line.substring(1, close)) : null;
        if (source == null) {
          returned.clear();
          break;
        }
        returned.add(source);
        expected.append("\n[").append(source.id()).append("] ");
        if (!source.title().isBlank()) {
          expected.append(source.title()).append(" — ");
        }
        expected.append(source.url());
      }
      if (!returned.isEmpty()
          && content.substring(at + "\n\nSources:".length()).contentEquals(expected)) {
        content = content.substring(0, at);
      } else {
        returned.clear();
      }
    }
    List<Source> registered = new ArrayList<>(byId.values());
    registered.removeAll(returned);
    registered.sort((a, b) -> Integer.compare(number(a.id()), number(b.id())));
    return new Split(
        content, returned.stream().map(ReplayTools::unregistered).toList(), registered);
  }

  private static Source unregistered(Source source) {
    return source.withId("");
  }

  private static int number(String id) {
    try {
      return Integer.parseInt(id.substring(1));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  /** The message the tool's exception had, from the text the model was shown. */
  private static String exceptionMessage(String tool, String shown) {
    String prefix = String.format(java.util.Locale.ROOT, EXCEPTION_PREFIX, tool);
    if (shown.startsWith(prefix) && shown.endsWith(EXCEPTION_SUFFIX)) {
      return shown.substring(prefix.length(), shown.length() - EXCEPTION_SUFFIX.length());
    }
    return shown;
  }

  private final class Replaying implements Tool {
    private final ToolSpec spec;

    Replaying(ToolSpec spec) {
      this.spec = spec;
    }

    @Override
    public ToolSpec spec() {
      return spec;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
      return answer(call, context);
    }
  }
}
