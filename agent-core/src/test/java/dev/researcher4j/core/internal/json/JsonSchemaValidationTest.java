package dev.researcher4j.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.core.internal.json.JsonSchemaValidation.Kind;
import dev.researcher4j.core.internal.json.JsonSchemaValidation.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemaValidationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SCHEMA =
      """
      {"$schema": "https://json-schema.org/draft/2020-12/schema",
       "type": "object",
       "properties": {
         "when": {"type": "string", "format": "date-time"},
         "took": {"type": "string", "format": "duration"},
         "messages": {"type": "array", "items": {"$ref": "#/$defs/message"}},
         "id": {"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}
       },
       "$defs": {
         "message": {
           "anyOf": [
             {"type": "object", "properties": {"role": {"enum": ["user", "tool"]}},
              "required": ["role"]},
             {"type": "string"}
           ]
         }
       }}
      """;

  private static List<Problem> problems(String value) throws Exception {
    return JsonSchemaValidation.of(JSON.readTree(SCHEMA)).problems(JSON.readTree(value));
  }

  @Test
  void acceptsConformingValuesIncludingFractionalIsoDurations() throws Exception {
    assertThat(
            problems(
                "{\"when\":\"2026-01-15T09:00:00.5Z\",\"took\":\"PT1.234S\","
                    + "\"messages\":[{\"role\":\"user\"},\"text\"],\"id\":7}"))
        .isEmpty();
  }

  @Test
  void reportsTheErrorsOfTheBranchWhoseTypeFitsWithPathsPeopleRead() throws Exception {
    List<Problem> found = problems("{\"messages\":[{\"role\":\"system\"},{}]}");

    assertThat(found)
        .extracting(Problem::kind, Problem::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.ENUM, "messages[0].role"),
            org.assertj.core.groups.Tuple.tuple(Kind.REQUIRED, "messages[1].role"));
  }

  @Test
  void aValueFittingNoBranchIsOneProblemListingTheShapes() throws Exception {
    List<Problem> found = problems("{\"id\":true}");

    assertThat(found).hasSize(1);
    assertThat(found.get(0).kind()).isEqualTo(Kind.NO_BRANCH);
    assertThat(found.get(0).path()).isEqualTo("id");
    assertThat(found.get(0).expected().toString()).isEqualTo("[\"string\",\"integer\"]");
  }

  @Test
  void assertsFormats() throws Exception {
    assertThat(problems("{\"when\":\"yesterday\",\"took\":\"1.5 seconds\"}"))
        .extracting(Problem::kind, Problem::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.FORMAT, "when"),
            org.assertj.core.groups.Tuple.tuple(Kind.FORMAT, "took"));
  }

  @Test
  void writesJsonPointersAsDottedPathsWithIndexes() {
    assertThat(JsonSchemaValidation.path("")).isEmpty();
    assertThat(JsonSchemaValidation.path("/a/b~1c/0/d")).isEqualTo("a.b/c[0].d");
  }
}
