package dev.researcher4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A typed answer's records as CSV, for a comparison table: the records are the answer when it is an
 * array, else the one array of objects it holds, else the answer itself. A column per field (nested
 * objects as {@code a.b}, lists of values joined with {@code ; }), then {@code _sources} ({@code
 * field=S1 S2; …}) and {@code _flags} ({@code field: why; …}).
 */
final class TypedCsv {
  private TypedCsv() {}

  private static final CsvMapper CSV = new CsvMapper();

  static String of(JsonNode answer) {
    List<JsonNode> records = records(answer);
    List<Map<String, String>> rows = new ArrayList<>();
    Set<String> columns = new LinkedHashSet<>();
    for (JsonNode record : records) {
      Map<String, String> row = new LinkedHashMap<>();
      Map<String, String> sources = new LinkedHashMap<>();
      Map<String, String> flags = new LinkedHashMap<>();
      flatten(record, "", row, sources, flags);
      columns.addAll(row.keySet());
      row.put("_sources", joined(sources, "="));
      row.put("_flags", joined(flags, ": "));
      rows.add(row);
    }
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    columns.forEach(schema::addColumn);
    schema.addColumn("_sources").addColumn("_flags");
    try {
      return CSV.writer(schema.build()).writeValueAsString(rows);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("rows of strings always write as CSV", e);
    }
  }

  private static List<JsonNode> records(JsonNode answer) {
    List<JsonNode> records = new ArrayList<>();
    JsonNode list = answer;
    if (answer.isObject()) {
      JsonNode only = null;
      int arrays = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = answer.properties().iterator();
          it.hasNext(); ) {
        JsonNode value = it.next().getValue();
        if (value.isArray() && value.size() > 0 && value.get(0).isObject()) {
          only = value;
          arrays++;
        }
      }
      list = arrays == 1 ? only : null;
    }
    if (list == null) {
      records.add(answer);
    } else {
      list.forEach(records::add);
    }
    return records;
  }

  private static void flatten(
      JsonNode object,
      String prefix,
      Map<String, String> row,
      Map<String, String> sources,
      Map<String, String> flags) {
    for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      if (name.startsWith("_")) {
        continue;
      }
      String column = prefix + name;
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        flatten(value, column + ".", row, sources, flags);
        continue;
      }
      row.put(column, cell(value));
      JsonNode ids = object.path("_sources").path(name);
      if (ids.isArray() && !ids.isEmpty()) {
        List<String> list = new ArrayList<>();
        ids.forEach(id -> list.add(id.asText()));
        sources.put(column, String.join(" ", list));
      }
      JsonNode flag = object.path("_flags").path(name);
      if (flag.isTextual()) {
        flags.put(column, flag.asText());
      }
    }
  }

  private static String cell(JsonNode value) {
    if (value.isNull()) {
      return "";
    }
    if (value.isArray()) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(v.isValueNode() ? v.asText() : v.toString()));
      return String.join("; ", parts);
    }
    return value.asText();
  }

  private static String joined(Map<String, String> entries, String separator) {
    List<String> parts = new ArrayList<>();
    entries.forEach((k, v) -> parts.add(k + separator + v));
    return String.join("; ", parts);
  }
}
