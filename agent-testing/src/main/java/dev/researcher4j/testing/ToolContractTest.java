package dev.researcher4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks every {@link Tool} must pass. A tool's test extends this, supplies the tool (pointed at a
 * WireMock server where it calls HTTP) and arguments that should succeed, and gets these checks for
 * free: a usable spec, a successful call, and clean failures for missing arguments.
 */
public abstract class ToolContractTest {

  /** The tool under test, ready to call (its HTTP endpoints stubbed). */
  protected abstract Tool tool();

  /** Arguments with which the tool should succeed against the stubs set up by {@link #tool()}. */
  protected abstract String validArguments();

  @Test
  void specIsUsableByAModel() {
    ToolSpec spec = tool().spec();

    assertThat(spec.description()).as("description").hasSizeGreaterThan(20);
    ObjectNode schema = spec.parameters();
    assertThat(schema.path("properties").isObject()).as("schema has properties").isTrue();
    for (JsonNode required : schema.path("required")) {
      assertThat(schema.path("properties").has(required.asText()))
          .as("required property %s is declared", required.asText())
          .isTrue();
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      assertThat(property.getValue().path("description").asText())
          .as("property %s is described", property.getKey())
          .isNotBlank();
    }
  }

  @Test
  void succeedsWithValidArguments() throws Exception {
    Tool tool = tool();
    ToolResult result =
        tool.execute(
            new ToolCall("call-1", tool.spec().name(), validArguments()), new FakeToolContext());

    assertThat(result.error()).as("error result: %s", result.content()).isFalse();
    assertThat(result.content()).isNotBlank();
  }

  @Test
  void missingRequiredArgumentsFailCleanly() {
    Tool tool = tool();
    if (!tool.spec().parameters().path("required").elements().hasNext()) {
      return; // nothing is required, so empty arguments are valid
    }
    ToolCall empty = new ToolCall("call-1", tool.spec().name(), "{}");

    assertThatCode(
            () -> {
              try {
                ToolResult result = tool.execute(empty, new FakeToolContext());
                assertThat(result.error()).as("empty arguments give an error result").isTrue();
                assertThat(result.content()).isNotBlank();
              } catch (ResearchException expected) {
                assertThat(expected.getMessage()).isNotBlank();
              }
            })
        .doesNotThrowAnyException();
  }
}
