package dev.researcher4j.core.internal.durable;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.durable.ToolCallOutput;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source ids of tool calls made away from their run. A call registers its new sources with
 * provisional ids from {@link #FIRST} up, in a copy of the run's registry; the run then registers
 * each call's sources into its own registry, in call order, and replaces the provisional ids with
 * the ones it gave — in the result's text, what the model is shown, and the sources. Stateless.
 */
final class ProvisionalIds {
  private ProvisionalIds() {}

  /** The first provisional id's number: far above any run's real ids. */
  static final int FIRST = 1_000_001;

  /** An id with at least seven digits, not part of a longer word or number. */
  private static final Pattern LONG_ID = Pattern.compile("(?<![A-Za-z0-9_])[Ss](\\d{7,})(?!\\d)");

  /** The sources of {@code run} as a call away from it gets them: ids, no excerpts. */
  static List<Source> known(RunScope run) {
    List<Source> known = new ArrayList<>();
    for (Source source : run.sources().all()) {
      known.add(
          new Source(
              source.id(),
              source.kind(),
              source.url(),
              source.title(),
              List.of(),
              source.attributes()));
    }
    return known;
  }

  /** {@code output}'s sources registered in {@code run}, and its provisional ids replaced. */
  static ToolOutcome merge(ToolCallOutput output, RunScope run) {
    ToolExecution execution = output.execution();
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, Source> sources = new LinkedHashMap<>();
    for (Source source : execution.result().sources()) {
      Source registered = run.register(source).source();
      ids.put(source.id(), registered.id());
      sources.remove(registered.id());
      sources.put(registered.id(), registered);
    }
    List<String> sourceIds = new ArrayList<>();
    for (String id : execution.sourceIds()) {
      String mapped = ids.getOrDefault(id, id);
      if (!sourceIds.contains(mapped)) {
        sourceIds.add(mapped);
      }
    }
    ToolResult result = execution.result();
    ToolExecution merged =
        new ToolExecution(
            execution.call(),
            new ToolResult(
                rewrite(result.content(), ids), List.copyOf(sources.values()), result.error()),
            execution.status(),
            sourceIds,
            execution.startedAt(),
            execution.duration(),
            execution.attempts(),
            execution.truncated(),
            execution.childRunIds());
    return new ToolOutcome(merged, rewrite(output.modelText(), ids), rewrite(output.detail(), ids));
  }

  /** {@code text} with each provisional id in {@code ids} replaced by the run's id for it. */
  static String rewrite(String text, Map<String, String> ids) {
    if (text == null || text.isEmpty() || ids.isEmpty()) {
      return text;
    }
    Matcher matcher = LONG_ID.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String mapped = ids.get("S" + Long.parseLong(matcher.group(1)));
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(mapped != null ? mapped : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
