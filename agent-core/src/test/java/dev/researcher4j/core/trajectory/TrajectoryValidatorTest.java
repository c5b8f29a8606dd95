package dev.researcher4j.core.trajectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrajectoryValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant END = Instant.parse("2026-01-15T09:00:06Z");

  private static List<String> lines() {
    return new ArrayList<>(TrajectoryCodec.encode(TrajectoryCodecTest.everything(), END));
  }

  private static TrajectoryValidator.Report validate(List<String> lines) {
    return TrajectoryValidator.validate(
        (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), "t.jsonl");
  }

  private static String edit(String line, String field, Object value) throws Exception {
    ObjectNode node = (ObjectNode) JSON.readTree(line);
    node.set(field, JSON.valueToTree(value));
    return JSON.writeValueAsString(node);
  }

  @Test
  void theSchemaIsShippedInTheJarAndDefinesEveryLineType() throws Exception {
    try (InputStream in = getClass().getResourceAsStream(TrajectoryCodec.SCHEMA_RESOURCE)) {
      assertThat(in).isNotNull();
      JsonNode schema = JSON.readTree(in);
      assertThat(schema.path("$schema").asText()).contains("2020-12");
      assertThat(schema.path("$defs").has("header")).isTrue();
      assertThat(schema.path("$defs").has("step")).isTrue();
      assertThat(schema.path("$defs").has("footer")).isTrue();
      assertThat(schema.path("$defs").has("resume")).isTrue();
      assertThat(schema.path("description").asText()).contains("minor version");
    }
    assertThat(TrajectoryValidator.schema().path("title").asText())
        .isEqualTo("researcher4j.trajectory/v1 line");
  }

  @Test
  void theSchemaEnumsAreExactlyTheJavaEnums() {
    JsonNode defs = TrajectoryValidator.schema().path("$defs");
    assertThat(enumOf(defs.path("step").path("properties").path("kind")))
        .isEqualTo(names(StepKind.values()));
    assertThat(enumOf(defs.path("message").path("properties").path("role")))
        .isEqualTo(names(Role.values()));
    assertThat(enumOf(defs.path("response").path("properties").path("finish_reason")))
        .isEqualTo(names(FinishReason.values()));
    assertThat(enumOf(defs.path("tool_execution").path("properties").path("status")))
        .isEqualTo(names(ToolExecution.Status.values()));
    assertThat(enumOf(defs.path("outcome").path("properties").path("stop_reason")))
        .isEqualTo(names(StopReason.values()));
    assertThat(enumOf(defs.path("citation").path("properties").path("support")))
        .isEqualTo(names(Citation.Support.values()));
    assertThat(enumOf(defs.path("grade").path("properties").path("label")))
        .isEqualTo(names(Grade.Label.values()));
    assertThat(enumOf(defs.path("source").path("properties").path("kind")))
        .isEqualTo(names(Source.Kind.values()));
    assertThat(
            enumOf(
                defs.path("request")
                    .path("properties")
                    .path("tool_choice")
                    .path("properties")
                    .path("mode")))
        .isEqualTo(names(ToolChoice.Mode.values()));
    assertThat(
            enumOf(
                defs.path("request")
                    .path("properties")
                    .path("response_format")
                    .path("properties")
                    .path("type")))
        .isEqualTo(names(ResponseFormat.Type.values()));
  }

  @Test
  void everyFieldTheEncoderWritesIsDeclaredInTheSchema() throws Exception {
    JsonNode schema = TrajectoryValidator.schema();
    List<String> lines = lines();
    lines.add(
        TrajectoryCodec.newEncoder()
            .resume(new TrajectoryResume(END, 5, java.time.Duration.ofMinutes(3), "0.1.0")));
    List<String> undeclared = new ArrayList<>();
    for (String line : lines) {
      JsonNode node = JSON.readTree(line);
      JsonNode def = schema.path("$defs").path(node.path("type").asText());
      collectUndeclared(node, def, schema, node.path("type").asText(), undeclared);
    }
    assertThat(undeclared).isEmpty();
  }

  @Test
  void aWellFormedFileIsValidAndLoadsEqualToWhatWasWritten(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("run.jsonl");
    Files.write(file, lines());

    TrajectoryValidator.Report report = TrajectoryValidator.validate(file);

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).isEmpty();
    assertThat(report.finished()).isTrue();
    assertThat(report.describe()).isEqualTo(file + ": valid");
    assertThat(TrajectoryReader.read(file)).isEqualTo(TrajectoryCodecTest.everything());
  }

  @Test
  void errorsNameTheLineTheFieldAndWhatWasExpected() throws Exception {
    List<String> lines = lines();
    lines.set(
        1, lines.get(1).replace("\"finish_reason\":\"TOOL_CALLS\"", "\"finish_reason\":\"DONE\""));
    lines.set(2, edit(lines.get(2), "started_at", "yesterday"));
    ObjectNode footer = (ObjectNode) JSON.readTree(lines.get(6));
    ((ObjectNode) footer.path("outcome")).remove("stop_reason");
    ((ObjectNode) footer.path("totals")).put("tool_calls", "three");
    lines.set(6, JSON.writeValueAsString(footer));

    TrajectoryValidator.Report report = validate(lines);

    assertThat(report.isValid()).isFalse();
    assertThat(report.errors())
        .extracting(TrajectoryProblem::toString)
        .containsExactly(
            "line 2, field model_call.response.finish_reason: expected one of STOP, TOOL_CALLS,"
                + " LENGTH, CONTENT_FILTER, OTHER, but was \"DONE\"",
            "line 3, field started_at: expected an ISO-8601 UTC instant such as"
                + " 2026-01-15T09:00:00Z, but was \"yesterday\"",
            "line 7, field outcome.stop_reason: is required but missing",
            "line 7, field totals.tool_calls: expected an integer, but was \"three\"");
    assertThatThrownBy(
            () ->
                TrajectoryReader.read(
                    (String.join("\n", lines)).getBytes(StandardCharsets.UTF_8), "t.jsonl"))
        .isInstanceOf(TrajectoryFormatException.class)
        .hasMessageStartingWith(
            "t.jsonl: line 2, field model_call.response.finish_reason: expected one of STOP")
        .hasMessageEndingWith("(and 1 more problems)")
        .satisfies(e -> assertThat(((TrajectoryFormatException) e).problems()).hasSize(4));
  }

  @Test
  void rulesSpanningLinesAreChecked() throws Exception {
    List<String> gap = lines();
    gap.remove(2);
    assertThat(validate(gap).errors())
        .extracting(TrajectoryProblem::toString)
        .containsExactly(
            "line 3, field index: expected step index 1 (indexes count from 0 without gaps), but was 2");

    List<String> headerLast = lines();
    headerLast.add(headerLast.remove(0));
    assertThat(validate(headerLast).errors())
        .extracting(TrajectoryProblem::toString)
        .containsExactly("line 1: expected the header line first, but found a 'step' line");

    List<String> afterFooter = lines();
    afterFooter.add(afterFooter.get(5).replace("\"index\":4", "\"index\":5"));
    assertThat(validate(afterFooter).errors())
        .extracting(TrajectoryProblem::toString)
        .containsExactly("line 8: a 'step' line after the footer");

    List<String> badBase = lines();
    ObjectNode step = (ObjectNode) JSON.readTree(badBase.get(3));
    ((ObjectNode) step.path("model_call").path("request")).put("messages_base", 1);
    badBase.set(3, JSON.writeValueAsString(step));
    assertThat(validate(badBase).errors())
        .extracting(TrajectoryProblem::toString)
        .containsExactly("line 4: step 2 refers to the messages of step 1, which has none");

    assertThat(TrajectoryValidator.validate(new byte[0], "empty.jsonl").errors())
        .extracting(TrajectoryProblem::toString)
        .containsExactly("no trajectory header (is the file empty?)");
  }

  @Test
  void aHalfWrittenLastLineIsAWarningAndTheRestLoads() {
    List<String> lines = lines().subList(0, 4);
    String cut = lines().get(4).substring(0, 40);
    byte[] content = (String.join("\n", lines) + "\n" + cut).getBytes(StandardCharsets.UTF_8);

    TrajectoryValidator.Report report = TrajectoryValidator.validate(content, "crashed.jsonl");

    assertThat(report.isValid()).isTrue();
    assertThat(report.finished()).isFalse();
    assertThat(report.warnings())
        .extracting(TrajectoryProblem::toString)
        .containsExactly(
            "line 5: the last line is incomplete (written when the run stopped?) and is ignored");
  }

  @Test
  void aNewerMinorVersionWithUnknownFieldsAndLineTypesLoads() throws Exception {
    List<String> lines = lines();
    ObjectNode header = (ObjectNode) JSON.readTree(lines.get(0));
    header.put("schema", "researcher4j.trajectory/v1.3");
    header.putObject("environment").put("os", "linux");
    lines.set(0, JSON.writeValueAsString(header));
    ObjectNode step = (ObjectNode) JSON.readTree(lines.get(1));
    step.put("policy_version", 7);
    ((ObjectNode) step.path("model_call").path("response")).putArray("alternatives").add("x");
    lines.set(1, JSON.writeValueAsString(step));
    lines.add(2, "{\"type\":\"annotation\",\"by\":\"reviewer\",\"text\":\"good step\"}");

    TrajectoryValidator.Report report = validate(lines);
    Trajectory read =
        TrajectoryReader.read(
            (String.join("\n", lines)).getBytes(StandardCharsets.UTF_8), "new.jsonl");

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings())
        .extracting(TrajectoryProblem::toString)
        .containsExactly(
            "line 1, field schema: written by a newer minor version"
                + " (researcher4j.trajectory/v1.3); fields and line types this reader does not"
                + " know are ignored",
            "line 3, field type: line type 'annotation' is unknown to this reader (newer"
                + " version?) and ignored");
    assertThat(read.header().schema()).isEqualTo("researcher4j.trajectory/v1.3");
    assertThat(read.steps()).isEqualTo(TrajectoryCodecTest.everything().steps());
    assertThat(read.outcome()).isEqualTo(TrajectoryCodecTest.everything().outcome());
  }

  @Test
  void anotherMajorVersionIsRefusedWithAClearMessage() throws Exception {
    List<String> lines = lines();
    lines.set(0, edit(lines.get(0), "schema", "researcher4j.trajectory/v2"));

    assertThatThrownBy(
            () ->
                TrajectoryReader.read(
                    String.join("\n", lines).getBytes(StandardCharsets.UTF_8), "v2.jsonl"))
        .isInstanceOf(TrajectoryFormatException.class)
        .hasMessage(
            "v2.jsonl: line 1, field schema: unsupported trajectory schema"
                + " 'researcher4j.trajectory/v2': this reader understands major version 1"
                + " (researcher4j.trajectory/v1 and its minor versions v1.N); read it with a newer"
                + " researcher4j");
    lines.set(0, edit(lines.get(0), "schema", "someone-else/v1"));
    assertThat(validate(lines).errors())
        .extracting(TrajectoryProblem::message)
        .containsExactly(
            "not a researcher4j trajectory: schema is 'someone-else/v1', expected"
                + " 'researcher4j.trajectory/v1'");
  }

  private static List<String> enumOf(JsonNode property) {
    List<String> values = new ArrayList<>();
    property.path("enum").forEach(v -> values.add(v.asText()));
    return values;
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }

  /** Free-form objects whose keys are data, not fields. */
  private static final Set<String> FREE_FORM =
      Set.of(
          "data",
          "parameters",
          "extra",
          "metadata",
          "attributes",
          "components",
          "schema",
          "output_schema",
          "provider_data");

  private static void collectUndeclared(
      JsonNode value, JsonNode def, JsonNode schema, String path, List<String> out) {
    JsonNode resolved = resolve(def, schema);
    if (value.isObject()) {
      JsonNode properties = resolved.path("properties");
      value
          .properties()
          .forEach(
              e -> {
                String child = path + "." + e.getKey();
                if (!properties.has(e.getKey())) {
                  out.add(child);
                } else if (!FREE_FORM.contains(e.getKey())) {
                  collectUndeclared(e.getValue(), properties.get(e.getKey()), schema, child, out);
                }
              });
    } else if (value.isArray()) {
      JsonNode items = resolved.path("items");
      for (JsonNode element : value) {
        collectUndeclared(element, items, schema, path + "[]", out);
      }
    }
  }

  private static JsonNode resolve(JsonNode def, JsonNode schema) {
    JsonNode node = def;
    while (node.has("$ref")) {
      node = schema.path("$defs").path(node.get("$ref").asText().substring("#/$defs/".length()));
    }
    if (node.has("anyOf")) {
      for (JsonNode branch : node.get("anyOf")) {
        JsonNode r = resolve(branch, schema);
        if (r.has("properties") || r.has("items")) {
          return r;
        }
      }
    }
    return node;
  }
}
