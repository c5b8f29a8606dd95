package dev.researcher4j.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.StructuredOutputException;
import dev.researcher4j.core.internal.json.ReasoningText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StructuredOutputTest {

  enum Support {
    SUPPORTED,
    UNSUPPORTED
  }

  record Verdict(
      @Description("the claim checked") String claim,
      Support support,
      List<String> sourceIds,
      Optional<String> note) {}

  private static final String VERDICT_JSON =
      "{\"claim\":\"Water boils at 71 °C on Everest\",\"support\":\"supported\",\"sourceIds\":[\"S1\"]}";

  @Test
  void readsPlainJson() {
    Verdict verdict = StructuredOutput.parse(VERDICT_JSON, Verdict.class);

    assertThat(verdict.support()).isEqualTo(Support.SUPPORTED);
    assertThat(verdict.sourceIds()).containsExactly("S1");
    assertThat(verdict.note()).isEmpty();
  }

  @Test
  void readsJsonWrappedInThinkingFencesAndProse() {
    String reply =
        "<think>The user wants {\"not\": \"this\"} checked…</think>\n"
            + "Sure! Here is the verdict:\n```json\n"
            + VERDICT_JSON
            + "\n```\nLet me know if you need more.";

    assertThat(StructuredOutput.parse(reply, Verdict.class).claim()).startsWith("Water boils");
  }

  @Test
  void forgivesTrailingCommasCommentsAndSingleQuotes() {
    String sloppy =
        "Result: {'claim': 'x', // a comment\n 'support': 'UNSUPPORTED', 'sourceIds': ['S2',],}";

    assertThat(StructuredOutput.parse(sloppy, Verdict.class).support())
        .isEqualTo(Support.UNSUPPORTED);
  }

  @Test
  void explainsWhyTextCannotBeRead() {
    assertThatThrownBy(() -> StructuredOutput.parse("I could not decide.", Verdict.class))
        .isInstanceOf(StructuredOutputException.class)
        .hasMessageContaining("no JSON");
    assertThatThrownBy(
            () ->
                StructuredOutput.parse("{\"claim\": \"x\", \"support\": \"MAYBE\"}", Verdict.class))
        .isInstanceOf(StructuredOutputException.class)
        .hasMessageContaining("MAYBE");
  }

  @Test
  void asksAgainOnceWithTheParseErrorThenSucceeds() {
    List<ChatRequest> requests = new ArrayList<>();
    Iterator<String> replies =
        List.of("Let me think... the claim seems fine.", VERDICT_JSON).iterator();
    ChatModel model =
        request -> {
          requests.add(request);
          return ChatResponse.of(Message.assistant(replies.next()));
        };

    var result =
        StructuredOutput.ofDefaults().ask(model, ChatRequest.of("Check the claim."), Verdict.class);

    assertThat(result.value().support()).isEqualTo(Support.SUPPORTED);
    assertThat(result.responses()).hasSize(2);
    List<Message> second = requests.get(1).messages();
    assertThat(second).hasSize(3);
    assertThat(second.get(1).content()).isEqualTo("Let me think... the claim seems fine.");
    assertThat(second.get(2).content())
        .contains("could not be read as JSON")
        .contains("\"sourceIds\"");
  }

  @Test
  void givesUpAfterTheReasksWithATypedError() {
    ChatModel model = request -> ChatResponse.of(Message.assistant("no idea"));

    assertThatThrownBy(
            () -> StructuredOutput.withMaxReasks(2).ask(model, ChatRequest.of("?"), Verdict.class))
        .isInstanceOf(StructuredOutputException.class)
        .hasMessageContaining("after 3 attempt(s)")
        .hasMessageContaining("no idea");
  }

  @Test
  void findsJsonInTheReasoningChannelWhenTheAnswerIsEmpty() {
    ChatModel model = request -> ChatResponse.of(Message.assistant("", VERDICT_JSON, List.of()));

    assertThat(
            StructuredOutput.ofDefaults()
                .ask(model, ChatRequest.of("?"), Verdict.class)
                .value()
                .claim())
        .isNotEmpty();
  }

  @Test
  void schemaFormatDescribesTheRecord() {
    ChatRequest request =
        StructuredOutput.withSchemaFormat(ChatRequest.of("?"), "verdict", Verdict.class);

    assertThat(request.responseFormat().type()).isEqualTo(ResponseFormat.Type.JSON_SCHEMA);
    var schema = request.responseFormat().schema();
    assertThat(schema.at("/properties/claim/description").asText()).isEqualTo("the claim checked");
    assertThat(schema.at("/properties/support/enum").toString())
        .isEqualTo("[\"SUPPORTED\",\"UNSUPPORTED\"]");
    assertThat(schema.at("/properties/sourceIds/items/type").asText()).isEqualTo("string");
    assertThat(schema.get("required").toString())
        .isEqualTo("[\"claim\",\"support\",\"sourceIds\"]");
  }

  record Node(String name, List<Node> children) {}

  @Test
  void schemaRejectsTypesWithoutAFiniteJsonForm() {
    assertThatThrownBy(() -> JsonSchemas.forType(Node.class)).hasMessageContaining("recursive");
    assertThatThrownBy(() -> JsonSchemas.forType(Object.class))
        .hasMessageContaining("java.lang.Object");
  }

  @Test
  void reasoningIsSeparatedFromTheAnswerInEveryShape() {
    assertThat(ReasoningText.split("<think>plan</think>Answer"))
        .isEqualTo(new ReasoningText.Split("Answer", "plan"));
    assertThat(ReasoningText.split("plan without opening tag</think>\n\nAnswer"))
        .isEqualTo(new ReasoningText.Split("Answer", "plan without opening tag"));
    assertThat(ReasoningText.split("Intro <thinking>a</thinking> mid <think>b</think> end"))
        .isEqualTo(new ReasoningText.Split("Intro  mid  end", "a\n\nb"));
    assertThat(ReasoningText.split("Answer so far <think>cut off while thinking"))
        .isEqualTo(new ReasoningText.Split("Answer so far", "cut off while thinking"));
    assertThat(ReasoningText.split("No reasoning here."))
        .isEqualTo(new ReasoningText.Split("No reasoning here.", ""));
  }
}
