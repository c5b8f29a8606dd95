package dev.researcher4j.api;

import java.util.Objects;

/**
 * Whether, and which, tools the model may or must call in one turn.
 *
 * @param mode the kind of choice
 * @param toolName for {@link Mode#TOOL}, the tool that must be called; empty otherwise
 */
public record ToolChoice(Mode mode, String toolName) {

  /** The kind of tool choice. */
  public enum Mode {
    /** The model decides (the default). */
    AUTO,
    /** The model must not call tools. */
    NONE,
    /** The model must call at least one tool. */
    REQUIRED,
    /** The model must call the named tool. */
    TOOL
  }

  /** The model decides. */
  public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, "");

  /** No tool calls. */
  public static final ToolChoice NONE = new ToolChoice(Mode.NONE, "");

  /** At least one tool call. */
  public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, "");

  /** Checks the fields. */
  public ToolChoice {
    Objects.requireNonNull(mode, "mode is required, but was null");
    toolName = Checks.text(toolName);
    if ((mode == Mode.TOOL) == toolName.isEmpty()) {
      throw new IllegalArgumentException("a tool name is needed exactly when mode is TOOL");
    }
  }

  /** The model must call the tool named {@code name}. */
  public static ToolChoice tool(String name) {
    return new ToolChoice(Mode.TOOL, Checks.required(name, "name"));
  }
}
