package dev.researcher4j.tools.mcp.internal;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** Turns MCP tool results into text a model reads. Stateless. */
public final class McpResults {
  private McpResults() {}

  /** The text of {@code content}: text as is, other kinds described in one line each. */
  public static String text(List<McpSchema.Content> content) {
    StringBuilder text = new StringBuilder();
    for (McpSchema.Content item : content) {
      if (!text.isEmpty()) {
        text.append('\n');
      }
      if (item instanceof McpSchema.TextContent t) {
        text.append(t.text());
      } else if (item instanceof McpSchema.EmbeddedResource r) {
        if (r.resource() instanceof McpSchema.TextResourceContents t) {
          text.append("[resource ").append(t.uri()).append("]\n").append(t.text());
        } else {
          text.append("[binary resource ").append(r.resource().uri()).append(']');
        }
      } else if (item instanceof McpSchema.ResourceLink link) {
        text.append("[link ").append(link.uri());
        if (link.title() != null) {
          text.append(" \"").append(link.title()).append('"');
        }
        text.append(']');
      } else if (item instanceof McpSchema.ImageContent image) {
        text.append("[image, ").append(image.mimeType()).append(", not shown]");
      } else if (item instanceof McpSchema.AudioContent audio) {
        text.append("[audio, ").append(audio.mimeType()).append(", not shown]");
      } else {
        text.append("[").append(item.type()).append(" content, not shown]");
      }
    }
    return text.toString();
  }
}
