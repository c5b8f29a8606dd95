package dev.researcher4j.spring.boot;

import dev.researcher4j.api.Tool;
import java.util.List;
import java.util.Objects;

/**
 * A named set of tools as one bean, for tool factories that make several at once (the web tools,
 * the scholarly tools). The auto-configured agent gets the tools of every {@code ToolGroup} bean,
 * every {@link Tool} bean, and every bean method annotated with {@code @ToolMethod}.
 *
 * @param name what the group is, for logs
 * @param tools the tools
 */
public record ToolGroup(String name, List<Tool> tools) {

  /** Checks the fields and copies the list. */
  public ToolGroup {
    Objects.requireNonNull(name, "name is required, but was null");
    tools = List.copyOf(tools);
  }
}
