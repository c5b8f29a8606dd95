package dev.researcher4j.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.json.Description;
import dev.researcher4j.testing.FakeToolContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ToolMethodsTest {

  enum Sort {
    RELEVANCE,
    DATE
  }

  record DateRange(@Description("first day, ISO date") LocalDate from, Optional<LocalDate> to) {}

  record Hit(String title, int year) {}

  static final class Library {
    @ToolMethod("Searches the library catalogue for books.")
    List<Hit> searchBooks(
        @ToolParam("words to look for") String query,
        @Description("how to order results") Sort sort,
        Optional<Integer> limit,
        Optional<DateRange> published) {
      int n = limit.orElse(2);
      String range =
          published
              .map(r -> r.from() + ".." + r.to().map(LocalDate::toString).orElse(""))
              .orElse("any");
      return List.of(new Hit(query + " " + sort + " " + range, 2000 + n));
    }

    @ToolMethod(name = "cite", value = "Registers a source and returns its id.")
    ToolResult register(
        @ToolParam(name = "url", value = "the page's address") String address,
        ToolContext context) {
      Source source = context.registerSource(Source.web(address, "Page", "excerpt"));
      return ToolResult.of("registered [" + source.id() + "]");
    }

    @ToolMethod("Fails on purpose.")
    String broken(@ToolParam("anything") String input) throws java.io.IOException {
      throw new java.io.IOException("disk full");
    }

    @ToolMethod("Returns nothing.")
    void nothing() {}

    String notATool() {
      return "";
    }
  }

  private static Map<String, Tool> tools() {
    return ToolMethods.from(new Library()).stream()
        .collect(Collectors.toMap(t -> t.spec().name(), Function.identity()));
  }

  @Test
  void annotatedMethodsBecomeToolsWithSnakeCaseNamesAndSchemas() {
    Map<String, Tool> tools = tools();

    assertThat(tools).containsOnlyKeys("search_books", "cite", "broken", "nothing");
    ObjectNode schema = tools.get("search_books").spec().parameters();
    assertThat(tools.get("search_books").spec().description())
        .isEqualTo("Searches the library catalogue for books.");
    assertThat(schema.path("required"))
        .extracting(Object::toString)
        .containsExactly("\"query\"", "\"sort\"");
    assertThat(schema.path("properties").path("query").path("description").asText())
        .isEqualTo("words to look for");
    assertThat(schema.path("properties").path("sort").path("enum").toString())
        .isEqualTo("[\"RELEVANCE\",\"DATE\"]");
    assertThat(schema.path("properties").path("sort").path("description").asText())
        .isEqualTo("how to order results");
    assertThat(
            schema
                .path("properties")
                .path("published")
                .path("properties")
                .path("from")
                .path("format")
                .asText())
        .isEqualTo("date");
    assertThat(tools.get("cite").spec().parameters().path("properties").has("url")).isTrue();
    assertThat(tools.get("cite").spec().parameters().path("properties").has("context")).isFalse();
  }

  @Test
  void argumentsAreBoundWithJacksonAndRecordsAreReturnedAsJson() throws Exception {
    Tool search = tools().get("search_books");

    ToolResult result =
        search.execute(
            new ToolCall(
                "c1",
                "search_books",
                "{\"query\":\"java\",\"sort\":\"date\",\"limit\":5,\"published\":{\"from\":\"2020-01-01\"}}"),
            new FakeToolContext());

    assertThat(result.content())
        .isEqualTo("[{\"title\":\"java DATE 2020-01-01..\",\"year\":2005}]");
    assertThat(
            search
                .execute(
                    new ToolCall("c2", "search_books", "{\"query\":\"x\",\"sort\":\"RELEVANCE\"}"),
                    new FakeToolContext())
                .content())
        .isEqualTo("[{\"title\":\"x RELEVANCE any\",\"year\":2002}]");
  }

  @Test
  void theContextIsPassedAndToolResultsAreReturnedAsTheyAre() throws Exception {
    FakeToolContext context = new FakeToolContext();

    ToolResult result =
        tools()
            .get("cite")
            .execute(new ToolCall("c1", "cite", "{\"url\":\"https://example.org\"}"), context);

    assertThat(result.content()).isEqualTo("registered [S1]");
    assertThat(context.sources()).hasSize(1);
  }

  @Test
  void argumentsOfTheWrongShapeAreReportedAsInvalidArguments() {
    Tool search = tools().get("search_books");

    assertThatThrownBy(
            () ->
                search.execute(
                    new ToolCall("c1", "search_books", "{\"query\":\"x\",\"sort\":\"SIZE\"}"),
                    new FakeToolContext()))
        .isInstanceOf(ToolArgumentsException.class)
        .hasMessageStartingWith("argument 'sort' has the wrong shape");
    assertThatThrownBy(
            () -> search.execute(new ToolCall("c1", "search_books", "[1]"), new FakeToolContext()))
        .isInstanceOf(ToolArgumentsException.class)
        .hasMessageContaining("must be a JSON object");
  }

  @Test
  void exceptionsOfTheMethodArePassedOnUnwrapped() {
    assertThatThrownBy(
            () ->
                tools()
                    .get("broken")
                    .execute(
                        new ToolCall("c1", "broken", "{\"input\":\"x\"}"), new FakeToolContext()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessage("disk full");
  }

  @Test
  void voidMethodsReturnADoneNote() throws Exception {
    assertThat(
            tools()
                .get("nothing")
                .execute(new ToolCall("c1", "nothing", ""), new FakeToolContext())
                .content())
        .isEqualTo("(done; no result)");
  }

  @Test
  void objectsWithoutToolMethodsOrWithUnsupportedTypesAreRejected() {
    assertThatThrownBy(() -> ToolMethods.from(new Object()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("java.lang.Object has no method annotated with @ToolMethod");
    Object bad =
        new Object() {
          @ToolMethod("Takes a function.")
          String apply(@ToolParam("f") Function<String, String> f) {
            return "";
          }
        };
    assertThatThrownBy(() -> ToolMethods.from(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("@ToolMethod apply cannot be a tool: no JSON Schema for");
  }

  @Test
  void namesAreConvertedToSnakeCase() {
    assertThat(MethodTool.snakeCase("searchPapersByDOI2")).isEqualTo("search_papers_by_doi2");
    assertThat(MethodTool.snakeCase("read")).isEqualTo("read");
  }
}
