package dev.researcher4j.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.ToolCall;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepliesTest {

  private static final Set<String> TOOLS = Set.of("web_search");

  @Test
  void aPlainAnswerIsLeftAsItIs() {
    Message reply = Message.assistant("Answer: 1937 [S1]");

    Replies.Normalized normalized = Replies.normalize(reply, 3, TOOLS);

    assertThat(normalized.message()).isSameAs(reply);
    assertThat(normalized.unreadableCalls()).isEmpty();
  }

  @Test
  void callsWithUsableIdsAreLeftAsTheyAre() {
    Message reply =
        Message.assistant(
            "",
            "",
            List.of(new ToolCall("a", "web_search", "{}"), new ToolCall("b", "web_search", "{}")));

    assertThat(Replies.normalize(reply, 3, TOOLS).message()).isSameAs(reply);
  }

  @Test
  void missingAndRepeatedIdsAreReplacedByIdsUniqueInTheRun() {
    Message reply =
        new Message(
            Role.ASSISTANT,
            "Searching.",
            "thinking",
            List.of(
                new ToolCall("", "web_search", "{\"query\":\"a\"}"),
                new ToolCall("x", "web_search", "{\"query\":\"b\"}"),
                new ToolCall("x", "web_search", "{\"query\":\"c\"}")),
            "",
            "");

    Message normalized = Replies.normalize(reply, 7, TOOLS).message();

    assertThat(normalized.toolCalls())
        .containsExactly(
            new ToolCall("call_7_1", "web_search", "{\"query\":\"a\"}"),
            new ToolCall("x", "web_search", "{\"query\":\"b\"}"),
            new ToolCall("call_7_3", "web_search", "{\"query\":\"c\"}"));
    assertThat(normalized.content()).isEqualTo("Searching.");
    assertThat(normalized.reasoning()).isEqualTo("thinking");
    assertThat(normalized.role()).isEqualTo(Role.ASSISTANT);
  }

  @Test
  void anIdGivenToAnEarlierCallIsNotGivenAgain() {
    Message reply =
        Message.assistant(
            "",
            "",
            List.of(
                new ToolCall("", "web_search", "{}"),
                new ToolCall("call_2_1", "web_search", "{}")));

    assertThat(Replies.normalize(reply, 2, TOOLS).message().toolCalls())
        .extracting(ToolCall::id)
        .containsExactly("call_2_1", "call_2_2");
  }

  @Test
  void callsWrittenAsMarkupBecomeCallsAndTheMarkupLeavesTheText() {
    Message reply =
        new Message(
            Role.ASSISTANT,
            "Let me look.\n<tool_call>\n{\"name\": \"web_search\", \"arguments\": {\"query\":"
                + " \"bridge\"}}\n</tool_call>",
            "field reasoning",
            List.of(),
            "",
            "");

    Replies.Normalized normalized = Replies.normalize(reply, 4, TOOLS);

    assertThat(normalized.message().toolCalls())
        .containsExactly(new ToolCall("call_4_1", "web_search", "{\"query\":\"bridge\"}"));
    assertThat(normalized.message().content()).isEqualTo("Let me look.");
    assertThat(normalized.message().reasoning()).isEqualTo("field reasoning");
    assertThat(normalized.unreadableCalls()).isEmpty();
  }

  @Test
  void inlineReasoningIsKeptInFrontOfWhatIsLeftOfTheText() {
    Message reply =
        Message.assistant(
            "<think>I should search.</think>Searching now. <tool_call>{\"name\": \"web_search\","
                + " \"arguments\": {}}</tool_call>");

    Message normalized = Replies.normalize(reply, 1, TOOLS).message();

    assertThat(normalized.content()).isEqualTo("<think>I should search.</think>Searching now.");
    assertThat(normalized.toolCalls()).hasSize(1);
  }

  @Test
  void markupThatCannotBeReadIsReportedAndNotLeftInTheText() {
    Message reply = Message.assistant("<tool_call>{\"name\": \"web_search\", \"arg");

    Replies.Normalized normalized = Replies.normalize(reply, 1, TOOLS);

    assertThat(normalized.unreadableCalls()).isEqualTo("its JSON could not be parsed");
    assertThat(normalized.message().toolCalls()).isEmpty();
    assertThat(normalized.message().content()).isEmpty();
  }

  @Test
  void aReplyThatAlreadyHasCallsIsNotSearchedForMarkup() {
    Message reply =
        Message.assistant(
            "<tool_call>{\"name\": \"web_search\", \"arguments\": {}}</tool_call>",
            "",
            List.of(new ToolCall("a", "web_search", "{}")));

    Replies.Normalized normalized = Replies.normalize(reply, 1, TOOLS);

    assertThat(normalized.message()).isSameAs(reply);
  }
}
