package dev.researcher4j.core.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCompletionParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ChatCompletionParser parser =
      new ChatCompletionParser(
          JSON,
          new Redactor(List.of("sk-secret-value")),
          new OpenAiErrors(
              "openai-compatible",
              "m",
              "http://localhost/v1/chat/completions",
              true,
              "max_tokens",
              false),
          "openai-compatible");

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void usageToleratesAbsentNullAndForeignFields() {
    assertThat(ChatCompletionParser.usage(null)).isEqualTo(Usage.ZERO);
    assertThat(ChatCompletionParser.usage(json("null"))).isEqualTo(Usage.ZERO);
    assertThat(ChatCompletionParser.usage(json("{}"))).isEqualTo(Usage.ZERO);
    assertThat(
            ChatCompletionParser.usage(
                json(
                    "{\"prompt_tokens\": 10, \"completion_tokens\": null,"
                        + " \"prompt_tokens_details\": null, \"completion_tokens_details\": {}}")))
        .isEqualTo(new Usage(10, 0, 0, 0, 0));
    // Moonshot: cached_tokens at the top level
    assertThat(
            ChatCompletionParser.usage(
                json("{\"prompt_tokens\": 19, \"completion_tokens\": 13, \"cached_tokens\": 10}")))
        .isEqualTo(new Usage(19, 13, 10, 0, 0));
    // input/output naming, negative and textual counts ignored, cached capped at input
    assertThat(
            ChatCompletionParser.usage(
                json(
                    "{\"input_tokens\": 5, \"output_tokens\": -3, \"input_tokens_details\":"
                        + " {\"cached_tokens\": 9}, \"reasoning_tokens\": \"7\"}")))
        .isEqualTo(new Usage(5, 0, 5, 0, 0));
  }

  @Test
  void contentMayBeAnArrayOfParts() {
    assertThat(
            ChatCompletionParser.contentText(
                json(
                    "[{\"type\": \"text\", \"text\": \"Hello \"}, {\"type\": \"text\", \"text\": \"world\"}]")))
        .isEqualTo("Hello world");
  }

  @Test
  void argumentsSentAsAnObjectAreKeptAsJsonText() {
    Completion completion =
        parser.parse(
            "{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": null,"
                + " \"tool_calls\": [{\"id\": \"c1\", \"type\": \"function\", \"function\":"
                + " {\"name\": \"web_search\", \"arguments\": {\"query\": \"x\"}}}]},"
                + " \"finish_reason\": \"tool_calls\"}]}");

    assertThat(completion.toolCalls().get(0).arguments()).isEqualTo("{\"query\":\"x\"}");
    assertThat(completion.content()).isEmpty();
  }

  @Test
  void aRefusalIsKeptAsTheText() {
    Completion completion =
        parser.parse(
            "{\"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\", \"content\": null,"
                + " \"refusal\": \"I can't help with that.\"}, \"finish_reason\": \"stop\"}]}");

    assertThat(completion.content()).isEqualTo("I can't help with that.");
  }

  @Test
  void reasoningFromAFieldAndFromInlineBlocksIsJoined() {
    Completion completion =
        parser.parse(
            "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"reasoning_content\":"
                + " \"first\", \"content\": \"<think>second</think>answer\"}}]}");

    assertThat(completion.reasoning()).isEqualTo("first\n\nsecond");
    assertThat(completion.content()).isEqualTo("answer");
    assertThat(completion.finishReason()).isEmpty();
  }

  @Test
  void unreadableBodiesAreMalformedAndRedacted() {
    assertThatThrownBy(() -> parser.parse("sk-secret-value"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not valid JSON")
        .hasMessageNotContaining("sk-secret-value")
        .hasNoCause();
    assertThatThrownBy(() -> parser.parse("[1, 2]"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> parser.parse("{\"choices\": [{\"index\": 0}]}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("first choice has no message");
    assertThatThrownBy(() -> parser.parse("{\"object\": \"chat.completion\"}"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("no choices");
  }
}
