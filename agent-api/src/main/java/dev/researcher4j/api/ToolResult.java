package dev.researcher4j.api;

import java.util.List;

/**
 * What a tool gives back: text the model reads, the sources it drew on, and whether it failed.
 *
 * <p>An error result is not an exception: it is an observation the model can react to (retry with
 * other arguments, try another tool). Sources listed here are registered by the run and their ids
 * appended to the text the model sees; a tool that wants ids inside its own text registers sources
 * itself through {@link ToolContext#registerSource(Source)}.
 *
 * @param content the text for the model
 * @param sources sources the content came from
 * @param error whether the call failed
 */
public record ToolResult(String content, List<Source> sources, boolean error) {

  /** Checks the fields. */
  public ToolResult {
    content = Checks.text(content);
    sources = Checks.list(sources);
  }

  /** A successful result with text only. */
  public static ToolResult of(String content) {
    return new ToolResult(content, List.of(), false);
  }

  /** A successful result with the sources it came from. */
  public static ToolResult of(String content, List<Source> sources) {
    return new ToolResult(content, sources, false);
  }

  /** A failed call; the message tells the model what went wrong and, ideally, what to do. */
  public static ToolResult error(String message) {
    return new ToolResult(message, List.of(), true);
  }

  /** A copy with other content. */
  public ToolResult withContent(String newContent) {
    return new ToolResult(newContent, sources, error);
  }
}
