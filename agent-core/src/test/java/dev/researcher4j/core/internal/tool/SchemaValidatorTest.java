package dev.researcher4j.core.internal.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{"
          + "\"query\":{\"type\":\"string\"},"
          + "\"limit\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":50},"
          + "\"sort\":{\"type\":\"string\",\"enum\":[\"RELEVANCE\",\"DATE\"]},"
          + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}},"
          + "\"range\":{\"type\":\"object\",\"properties\":{\"from\":{\"type\":\"string\"}},\"required\":[\"from\"]},"
          + "\"note\":{\"type\":[\"string\",\"null\"]}"
          + "},\"required\":[\"query\"],\"additionalProperties\":false}";

  private static java.util.List<String> check(String arguments) throws Exception {
    JsonNode schema = JSON.readTree(SCHEMA);
    return SchemaValidator.validate(JSON.readTree(arguments), schema);
  }

  @Test
  void acceptsArgumentsMatchingTheSchema() throws Exception {
    assertThat(
            check(
                "{\"query\":\"x\",\"limit\":3,\"sort\":\"date\",\"tags\":[\"a\"],\"range\":{\"from\":\"2020\"},\"note\":null}"))
        .isEmpty();
    assertThat(check("{\"query\":\"x\",\"limit\":3.0}")).isEmpty();
  }

  @Test
  void explainsEachProblemInWordsForTheModel() throws Exception {
    assertThat(check("{\"limit\":0,\"sort\":\"SIZE\",\"tags\":[1],\"range\":{},\"extra\":true}"))
        .containsExactly(
            "missing required argument 'query'",
            "'limit' must be >= 1, but was 0",
            "'sort' must be one of [\"RELEVANCE\",\"DATE\"], but was \"SIZE\"",
            "'tags[0]' must be a string, but was number 1",
            "missing required argument 'range.from'",
            "unknown argument 'extra'; the arguments are [query, limit, sort, tags, range, note]");
    assertThat(check("{\"query\":\"x\",\"limit\":2.5}"))
        .containsExactly("'limit' must be an integer, but was number 2.5");
  }
}
