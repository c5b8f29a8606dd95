package dev.researcher4j.eval.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.eval.AnswerType;
import dev.researcher4j.eval.DatasetProblem;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.SkippedItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads dataset lines in the field names of the common benchmarks, and writes our own. */
public final class DatasetFormat {
  private DatasetFormat() {}

  static final List<String> ID_FIELDS =
      List.of(
          "id",
          "task_id",
          "question_id",
          "qid",
          "uid",
          "item_id",
          "index",
          "idx",
          "Unnamed: 0",
          "");
  static final List<String> QUESTION_FIELDS =
      List.of(
          "question",
          "Question",
          "problem",
          "Problem",
          "Prompt",
          "prompt",
          "input",
          "query",
          "Query");
  static final List<String> ANSWER_FIELDS =
      List.of(
          "answer",
          "Answer",
          "Final answer",
          "final_answer",
          "target",
          "reference",
          "reference_answer",
          "expected_answer",
          "ground_truth",
          "gold");
  static final List<String> TYPE_FIELDS = List.of("answer_type", "answerType");

  /** What a file held. */
  public record Parsed(
      List<EvalItem> items, List<SkippedItem> skipped, List<DatasetProblem> problems) {}

  /** Reads every line of {@code reader}. */
  public static Parsed parse(BufferedReader reader) throws IOException {
    List<EvalItem> items = new ArrayList<>();
    List<SkippedItem> skipped = new ArrayList<>();
    List<DatasetProblem> problems = new ArrayList<>();
    Map<String, Integer> firstLineOfId = new HashMap<>();
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (number == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = EvalJson.LINES.readTree(line);
      } catch (JsonProcessingException e) {
        problems.add(
            new DatasetProblem(
                number,
                "not valid JSON (" + e.getOriginalMessage() + ")",
                EvalJson.excerpt(line, 120)));
        continue;
      }
      if (node == null || !node.isObject()) {
        problems.add(new DatasetProblem(number, "not a JSON object", EvalJson.excerpt(line, 120)));
        continue;
      }
      Line parsed = readItem((ObjectNode) node);
      if (parsed.problem != null) {
        problems.add(new DatasetProblem(number, parsed.problem, EvalJson.excerpt(line, 120)));
      } else if (parsed.skipReason != null) {
        skipped.add(new SkippedItem(number, parsed.id, parsed.skipReason));
      } else {
        Integer first = firstLineOfId.putIfAbsent(parsed.item.id(), number);
        if (first != null) {
          skipped.add(
              new SkippedItem(
                  number, parsed.item.id(), "duplicate id (first seen on line " + first + ")"));
        } else {
          items.add(parsed.item);
        }
      }
    }
    return new Parsed(items, skipped, problems);
  }

  private record Line(EvalItem item, String id, String skipReason, String problem) {}

  private static Line readItem(ObjectNode node) {
    Set<String> used = new HashSet<>();
    String question = firstText(node, QUESTION_FIELDS, used);
    if (question.isBlank()) {
      return new Line(
          null,
          "",
          null,
          "no question (looked for fields " + String.join(", ", QUESTION_FIELDS) + ")");
    }
    String id = firstText(node, ID_FIELDS, used);
    if (id.isBlank()) {
      id = "q-" + EvalJson.sha256(question.strip()).substring(0, 12);
    }
    String image = text(node.get("image"));
    if (!image.isBlank()) {
      return new Line(null, id, "needs an image (the agent reads text only)", null);
    }
    JsonNode images = node.get("images");
    if (images != null && images.isArray() && !images.isEmpty()) {
      return new Line(null, id, "needs an image (the agent reads text only)", null);
    }
    for (String fileField : List.of("file_name", "file_path")) {
      if (!text(node.get(fileField)).isBlank()) {
        return new Line(null, id, "needs an attached file (" + fileField + " is set)", null);
      }
    }
    String answer = firstText(node, ANSWER_FIELDS, used);
    if (answer.isBlank()) {
      return new Line(null, id, "no reference answer", null);
    }
    if (answer.strip().equals("?")) {
      return new Line(null, id, "reference answer is a placeholder (?)", null);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    AnswerType type = AnswerType.UNSPECIFIED;
    for (String field : TYPE_FIELDS) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull()) {
        used.add(field);
        Optional<AnswerType> known = AnswerType.fromName(value.asText());
        if (known.isPresent()) {
          type = known.get();
        } else {
          // An answer type we do not grade by (e.g. "Person"): keep it, grade with the default.
          metadata.put(field, value.asText());
        }
        break;
      }
    }
    String grader = text(node.get("grader"));
    used.add("grader");
    used.add("image");
    used.add("images");
    used.add("file_name");
    used.add("file_path");
    used.add("metadata");
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!used.contains(e.getKey()) && !e.getValue().isNull()) {
        metadata.put(e.getKey(), text(e.getValue()));
      }
    }
    JsonNode meta = node.get("metadata");
    if (meta != null && meta.isObject()) {
      for (Map.Entry<String, JsonNode> e : meta.properties()) {
        if (!e.getValue().isNull()) {
          metadata.put(e.getKey(), text(e.getValue()));
        }
      }
    } else if (meta != null && !meta.isNull()) {
      metadata.put("metadata", text(meta));
    }
    metadata.remove("");
    return new Line(new EvalItem(id, question, answer, type, grader, metadata), id, null, null);
  }

  private static String firstText(ObjectNode node, List<String> fields, Set<String> used) {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull()) {
        used.addAll(fields);
        String text = text(value);
        if (!text.isBlank()) {
          return text;
        }
      }
    }
    return "";
  }

  /** The value as text: strings as they are, numbers exactly, arrays joined by ", ". */
  static String text(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toPlainString();
    }
    if (value.isNumber() || value.isBoolean()) {
      return value.asText();
    }
    if (value.isArray() && allScalar((ArrayNode) value)) {
      List<String> parts = new ArrayList<>();
      value.forEach(v -> parts.add(text(v)));
      return String.join(", ", parts);
    }
    return value.toString();
  }

  private static boolean allScalar(ArrayNode array) {
    for (JsonNode element : array) {
      if (element.isContainerNode()) {
        return false;
      }
    }
    return true;
  }

  /** An item in this package's own field names. */
  public static ObjectNode toJson(EvalItem item) {
    ObjectNode node = EvalJson.object();
    node.put("id", item.id());
    node.put("question", item.question());
    node.put("answer", item.answer());
    if (item.answerType() != AnswerType.UNSPECIFIED) {
      node.put("answer_type", item.answerType().jsonName());
    }
    if (!item.grader().isEmpty()) {
      node.put("grader", item.grader());
    }
    if (!item.metadata().isEmpty()) {
      ObjectNode meta = node.putObject("metadata");
      new java.util.TreeMap<>(item.metadata()).forEach(meta::put);
    }
    return node;
  }
}
