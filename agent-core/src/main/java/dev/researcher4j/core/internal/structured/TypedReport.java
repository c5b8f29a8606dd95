package dev.researcher4j.core.internal.structured;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A typed answer as Markdown for people: lists of objects as tables (one row per object, a cell per
 * field), other objects as lists of their fields, each value followed by the ids of its sources and
 * by its flag when its check failed. Pure.
 */
public final class TypedReport {
  private TypedReport() {}

  /** {@code answer} (with {@code _sources} and {@code _flags}, as the run gives it back). */
  public static String markdown(JsonNode answer) {
    StringBuilder out = new StringBuilder();
    render(answer, "", 2, out);
    return out.toString().strip();
  }

  private static void render(JsonNode node, String title, int level, StringBuilder out) {
    if (node.isArray()) {
      if (!title.isEmpty()) {
        out.append("#".repeat(level)).append(' ').append(title).append("\n\n");
      }
      if (allObjects(node)) {
        table(node, title, level, out);
      } else {
        node.forEach(element -> out.append("- ").append(cell(element)).append('\n'));
        out.append('\n');
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    if (!title.isEmpty()) {
      out.append("#".repeat(level)).append(' ').append(title).append("\n\n");
    }
    List<String> nested = new ArrayList<>();
    boolean listed = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      if (name.startsWith("_")) {
        continue;
      }
      if (isContainer(entry.getValue())) {
        nested.add(name);
      } else {
        out.append("- **").append(name).append("**: ").append(valued(node, name)).append('\n');
        listed = true;
      }
    }
    if (listed) {
      out.append('\n');
    }
    for (String name : nested) {
      String child = title.isEmpty() ? name : title + " › " + name;
      render(node.get(name), child, Math.min(6, level + (title.isEmpty() ? 0 : 1)), out);
    }
  }

  private static void table(JsonNode rows, String title, int level, StringBuilder out) {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(
        row ->
            row.properties().stream()
                .filter(e -> !e.getKey().startsWith("_") && !isContainer(e.getValue()))
                .forEach(e -> columns.add(e.getKey())));
    if (!columns.isEmpty()) {
      out.append("| # | ").append(String.join(" | ", columns)).append(" |\n");
      out.append("|---|").append("---|".repeat(columns.size())).append('\n');
      int n = 1;
      for (JsonNode row : rows) {
        out.append("| ").append(n++);
        for (String column : columns) {
          out.append(" | ").append(row.has(column) ? valued(row, column).replace("|", "\\|") : "");
        }
        out.append(" |\n");
      }
      out.append('\n');
    }
    int n = 1;
    for (JsonNode row : rows) {
      String label = (title.isEmpty() ? "item" : title) + " " + n++;
      for (Iterator<Map.Entry<String, JsonNode>> it = row.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (!entry.getKey().startsWith("_") && isContainer(entry.getValue())) {
          render(entry.getValue(), label + " › " + entry.getKey(), Math.min(6, level + 1), out);
        }
      }
    }
  }

  /** A field's value with its sources and, when it failed its check, its flag. */
  private static String valued(JsonNode object, String name) {
    StringBuilder text = new StringBuilder(cell(object.get(name)));
    JsonNode ids = object.path(SourcedJson.SOURCES).path(name);
    if (ids.isArray() && !ids.isEmpty()) {
      List<String> list = new ArrayList<>();
      ids.forEach(id -> list.add(id.asText()));
      text.append(" [").append(String.join(", ", list)).append(']');
    }
    JsonNode flag = object.path(SourcedJson.FLAGS).path(name);
    if (flag.isTextual()) {
      text.append(" *(flagged: ").append(flag.asText()).append(")*");
    }
    return text.toString();
  }

  private static String cell(JsonNode value) {
    if (value == null || value.isNull()) {
      return "—";
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    return text.replace("\n", " ").strip();
  }

  private static boolean allObjects(JsonNode array) {
    if (array.isEmpty()) {
      return false;
    }
    for (JsonNode element : array) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }

  private static boolean isContainer(JsonNode value) {
    return value.isObject() || (value.isArray() && !value.isEmpty() && allObjects(value));
  }
}
