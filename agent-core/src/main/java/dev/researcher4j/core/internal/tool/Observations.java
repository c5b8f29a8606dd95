package dev.researcher4j.core.internal.tool;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the model is shown of each tool call, and the record kept of it: a result with its sources
 * registered and listed, cut to the tool's limit; and for every kind of failure, an observation
 * that says what went wrong and what to try instead. Stateless.
 */
final class Observations {
  private Observations() {}

  /** Single-source results shorter than this become that source's excerpt. */
  static final int EXCERPT_FROM_RESULT_CHARS = 4_000;

  /**
   * A successful call: its sources registered (a lone source without excerpts gets the result as
   * its excerpt, so claims citing it can be verified), listed after the result, and the whole cut
   * to {@code maxChars} for the model (the record keeps it in full).
   */
  static ToolOutcome success(
      RunScope run,
      ToolCall call,
      ToolResult result,
      RunToolContext context,
      Instant startedAt,
      Duration took,
      int attempts,
      int maxChars) {
    Map<String, Source> sources = new LinkedHashMap<>();
    context.registered().forEach(s -> sources.put(s.id(), s));
    StringBuilder appendix = new StringBuilder();
    boolean useContentAsExcerpt =
        result.sources().size() == 1
            && result.sources().get(0).excerpts().isEmpty()
            && !result.error()
            && !result.content().isBlank();
    for (Source source : result.sources()) {
      Source toRegister =
          useContentAsExcerpt
              ? source.withExcerpt(cut(result.content(), EXCERPT_FROM_RESULT_CHARS))
              : source;
      Source registered = run.register(toRegister).source();
      sources.remove(registered.id());
      sources.put(registered.id(), registered);
      if (!source.isRegistered()) {
        appendix.append("\n[").append(registered.id()).append("] ");
        if (!registered.title().isBlank()) {
          appendix.append(registered.title()).append(" — ");
        }
        appendix.append(registered.url());
      }
    }
    String full =
        appendix.length() == 0 ? result.content() : result.content() + "\n\nSources:" + appendix;
    String shown = full;
    boolean truncated = false;
    if (full.length() > maxChars) {
      truncated = true;
      String tail =
          "\n\n[Result truncated: showing the first "
              + maxChars
              + " of "
              + full.length()
              + " characters. Ask for a specific part (a page, a section, a narrower query) if you"
              + " need more.]"
              + (appendix.length() == 0 ? "" : "\n\nSources:" + appendix);
      int head = Math.max(0, maxChars - tail.length());
      shown = result.content().substring(0, Math.min(head, result.content().length())) + tail;
    }
    ToolExecution execution =
        new ToolExecution(
            call,
            new ToolResult(full, List.copyOf(sources.values()), result.error()),
            result.error() ? Status.ERROR : Status.OK,
            List.copyOf(sources.keySet()),
            startedAt,
            took,
            attempts,
            truncated,
            context.childRuns());
    return new ToolOutcome(execution, shown, "");
  }

  /** A call that failed before it ran (unknown tool, bad arguments). */
  static ToolOutcome rejected(ToolCall call, Status status, String message, Instant at) {
    return new ToolOutcome(
        new ToolExecution(
            call,
            ToolResult.error(message),
            status,
            List.of(),
            at,
            Duration.ZERO,
            0,
            false,
            List.of()),
        message,
        "");
  }

  /** A call that failed while it ran; the sources it registered before failing are kept. */
  static ToolOutcome failed(
      ToolCall call,
      Status status,
      String message,
      Instant at,
      int attempts,
      Duration took,
      String detail,
      RunToolContext context) {
    List<Source> registered = context.registered();
    return new ToolOutcome(
        new ToolExecution(
            call,
            new ToolResult(message, registered, true),
            status,
            registered.stream().map(Source::id).toList(),
            at,
            took,
            attempts,
            false,
            context.childRuns()),
        message,
        detail);
  }

  /** A call a person did not approve: it was not made, and the model is told so and why. */
  static ToolOutcome notApproved(ToolCall call, ToolOutcome.Approval approval, Instant at) {
    String message =
        "Not run: the person you work for did not approve this call of "
            + call.name()
            + (approval.note().isBlank() ? "" : " (" + approval.note() + ")")
            + ". Go on without it, or find another way.";
    return new ToolOutcome(
        new ToolExecution(
            call,
            new ToolResult(message, List.of(), false),
            Status.NOT_APPROVED,
            List.of(),
            at,
            Duration.ZERO,
            0,
            false,
            List.of()),
        message,
        "",
        approval);
  }

  /** A repeat of an earlier successful call, answered from the run's cache with a note. */
  static ToolOutcome cached(ToolCall call, ToolExecution earlier, Instant now, int maxChars) {
    String note =
        "[Note: this exact call ("
            + call.name()
            + " with the same arguments) was already made in this run; here is the earlier"
            + " result again. Do not repeat calls: vary the query or read one of the sources.]\n\n";
    String content = note + earlier.result().content();
    ToolExecution execution =
        new ToolExecution(
            call,
            new ToolResult(content, earlier.result().sources(), false),
            Status.CACHED,
            earlier.sourceIds(),
            now,
            Duration.ZERO,
            0,
            false,
            List.of());
    return new ToolOutcome(execution, cut(content, maxChars), "");
  }

  static String unknownTool(ToolCall call, java.util.Set<String> tools) {
    if (tools.isEmpty()) {
      return "Error: this run has no tools, so '"
          + call.name()
          + "' cannot be called. Answer from what you know, in the required format, and say"
          + " that it could not be checked against sources.";
    }
    return "Error: there is no tool named '"
        + call.name()
        + "'. The available tools are: "
        + String.join(", ", tools)
        + ". Call one of them by its exact name.";
  }

  static String invalidArguments(String name, String error, BoundTool bound) {
    return "Error: invalid arguments for " + name + ": " + error + "." + schemaHint(bound);
  }

  static String rejectedArguments(String name, String error, BoundTool bound) {
    return "Error: invalid arguments for " + name + ": " + error + schemaHint(bound);
  }

  private static String schemaHint(BoundTool bound) {
    return " The arguments must be a JSON object matching this schema: "
        + cut(bound.spec.parameters().toString(), 1_500);
  }

  static String circuitOpen(String name) {
    return "Error: "
        + name
        + " is temporarily unavailable after repeated failures and is not being called for a"
        + " while. Use another tool, or go on with what you have.";
  }

  static String timedOut(String name, Duration timeout, boolean budget) {
    return budget
        ? "Error: " + name + " was stopped because the run's time budget is spent."
        : "Error: "
            + name
            + " did not finish within its "
            + timeout.toString().substring(2).toLowerCase(Locale.ROOT)
            + " timeout. Try a narrower request or another tool.";
  }

  static String threw(String name, String message) {
    return "Error: " + name + " failed: " + message + ". Try different arguments or another tool.";
  }

  static final String CANCELLED = "Not run to the end: the run was cancelled.";

  static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }
}
