package dev.researcher4j.core.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.ToolCall;
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

  private static String withChoices(String choices) {
    return "{\"id\": \"chatcmpl-9\", \"model\": \"m-1\", \"choices\": " + choices + "}";
  }

  @Test
  void aWholeResponseIsReadWithItsIdsUsageAndFinishReason() {
    Completion completion =
        parser.parse(
            "{\"id\": \"chatcmpl-9\", \"model\": \"m-1\", \"prompt_token_ids\": [5, 6],"
                + " \"choices\": [{\"index\": 0, \"message\": {\"role\": \"assistant\","
                + " \"content\": \"Paris\"}, \"token_ids\": [9], \"logprobs\": {\"content\":"
                + " [{\"token\": \"Paris\", \"logprob\": -0.25}]}, \"finish_reason\": \"stop\"}],"
                + " \"usage\": {\"prompt_tokens\": 20, \"completion_tokens\": 1}}");

    assertThat(completion.id()).isEqualTo("chatcmpl-9");
    assertThat(completion.model()).isEqualTo("m-1");
    assertThat(completion.content()).isEqualTo("Paris");
    assertThat(completion.finishReason()).isEqualTo("stop");
    assertThat(completion.usage()).isEqualTo(Usage.of(20, 1));
    assertThat(completion.tokens().promptTokenIds()).containsExactly(5, 6);
    assertThat(completion.tokens().completionTokenIds()).containsExactly(9);
    assertThat(completion.tokens().completionTokens()).containsExactly("Paris");
    assertThat(completion.tokens().logprobs()).containsExactly(-0.25);
  }

  @Test
  void usageAndPromptTokenIdsInTheChoiceAreReadWhenTheRootHasNone() {
    Completion completion =
        parser.parse(
            withChoices(
                "[{\"index\": 0, \"message\": {\"content\": \"x\"}, \"prompt_token_ids\":"
                    + " [1], \"usage\": {\"prompt_tokens\": 3, \"completion_tokens\": 2}}]"));

    assertThat(completion.usage()).isEqualTo(Usage.of(3, 2));
    assertThat(completion.tokens().promptTokenIds()).containsExactly(1);
  }

  @Test
  void theChoiceWithIndexZeroIsReadWhereverItIsListed() {
    Completion completion =
        parser.parse(
            withChoices(
                "[{\"index\": 1, \"message\": {\"content\": \"second\"}},"
                    + " {\"index\": 0, \"message\": {\"content\": \"first\"}}]"));
    Completion unnumbered =
        parser.parse(
            withChoices(
                "[{\"index\": 1, \"message\": {\"content\": \"second\"}},"
                    + " {\"index\": null, \"message\": {\"content\": \"unnumbered\"}}]"));
    Completion none =
        parser.parse(withChoices("[{\"index\": 2, \"message\": {\"content\": \"only\"}}]"));

    assertThat(completion.content()).isEqualTo("first");
    assertThat(unnumbered.content()).isEqualTo("unnumbered");
    assertThat(none.content()).isEqualTo("only");
  }

  @Test
  void toolCallsWithoutIdsGetIdsNumberedByTheirPlace() {
    Completion completion =
        parser.parse(
            withChoices(
                "[{\"message\": {\"tool_calls\": [{\"id\": \"call_x\", \"function\": {\"name\":"
                    + " \"a\", \"arguments\": \"{}\"}}, {\"function\": {\"name\": \"b\"}},"
                    + " {\"id\": null, \"function\": {\"name\": \"c\", \"arguments\": null}}]},"
                    + " \"finish_reason\": \"tool_calls\"}]"));

    assertThat(completion.toolCalls()).extracting(ToolCall::name).containsExactly("a", "b", "c");
    assertThat(completion.toolCalls().get(0).id()).isEqualTo("call_x");
    assertThat(completion.toolCalls().get(1).id()).startsWith("call_1_");
    assertThat(completion.toolCalls().get(2).id()).startsWith("call_2_");
    assertThat(completion.toolCalls().get(2).arguments()).isEmpty();
  }

  @Test
  void toolCallsThatAreNotAListAreIgnored() {
    Completion completion =
        parser.parse(withChoices("[{\"message\": {\"content\": \"x\", \"tool_calls\": {}}}]"));

    assertThat(completion.toolCalls()).isEmpty();
  }

  @Test
  void contentOfAnUnknownShapeIsKeptAsJson() {
    assertThat(ChatCompletionParser.contentText(json("{\"value\": 1}"))).isEqualTo("{\"value\":1}");
    assertThat(ChatCompletionParser.contentText(json("[\"a\", {\"type\": \"image\"}, \"b\"]")))
        .isEqualTo("ab");
  }

  @Test
  void anEmptyOrNullBodyIsMalformed() {
    assertThatThrownBy(() -> parser.parse(""))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("openai-compatible: response body is not a JSON object; body began: ");
    assertThatThrownBy(() -> parser.parse("null"))
        .hasMessage("openai-compatible: response body is not a JSON object; body began: null");
  }

  @Test
  void theBodyInAMessageIsCutAfterTwoHundredCharacters() {
    String exact = "{\"choices\": [], \"pad\": \"" + "p".repeat(200 - 26) + "\"}";
    String longer = "{\"choices\": [], \"pad\": \"" + "p".repeat(300) + "\"}";
    assertThat(exact).hasSize(200);

    assertThatThrownBy(() -> parser.parse(exact)).hasMessageEndingWith("body began: " + exact);
    assertThatThrownBy(() -> parser.parse(longer))
        .hasMessageEndingWith("body began: " + longer.substring(0, 200) + "…");
  }

  @Test
  void anErrorInTheBodyIsThrownTyped() {
    assertThatThrownBy(
            () ->
                parser.parse(
                    "{\"error\": {\"message\": \"slow down\", \"type\": \"requests\","
                        + " \"code\": \"rate_limit_exceeded\"}}"))
        .isInstanceOf(dev.researcher4j.api.RateLimitException.class);
    assertThat(parser.parse(withChoices("[{\"message\": {\"content\": \"ok\"}}]")).content())
        .isEqualTo("ok");
    assertThat(
            parser
                .parse("{\"error\": null, \"choices\": [{\"message\": {\"content\": \"ok\"}}]}")
                .content())
        .isEqualTo("ok");
  }
}
