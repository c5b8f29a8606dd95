package dev.researcher4j.core.trajectory.view;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import java.util.function.Function;

/** Tools for the view's tests and samples: a name, a {@code query} argument, a canned body. */
final class ViewTools {
  private ViewTools() {}

  static Tool tool(String name, Function<ToolCall, ToolResult> body) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    ToolSpec spec = ToolSpec.of(name, "Test " + name + ".", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) {
        return body.apply(call);
      }
    };
  }
}
