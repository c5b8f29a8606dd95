package dev.researcher4j.core.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.core.http.Redactor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatCompletionStreamTest {

  private final ChatCompletionStream stream =
      new ChatCompletionStream(
          new ObjectMapper(),
          new Redactor(List.of("sk-secret-value")),
          new OpenAiErrors(
              "openai-compatible",
              "m",
              "http://localhost/v1/chat/completions",
              true,
              "max_tokens",
              false),
          "openai-compatible",
          ChatObserver.NONE);

  private static String chunk(String delta, String finishReason) {
    return "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"finish_reason\":"
        + finishReason
        + "}]}";
  }

  @Test
  void aFinishReasonWithoutDoneCompletesTheStream() {
    stream.accept(null, chunk("{\"content\":\"Hi\"}", "null"));
    stream.accept(null, chunk("{}", "\"stop\""));

    Completion completion = stream.finish();

    assertThat(completion.content()).isEqualTo("Hi");
    assertThat(completion.finishReason()).isEqualTo("stop");
  }

  @Test
  void aStreamOfOnlyDoneCarriedNothing() {
    stream.accept(null, "[DONE]");

    assertThatThrownBy(stream::finish)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("stream carried no choices");
  }

  @Test
  void eventsAfterTheOtherChoicesAreIgnored() {
    stream.accept(null, chunk("{\"content\":\"A\"}", "null"));
    stream.accept(
        null, "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"},\"finish_reason\":null}]}");
    stream.accept(null, "[DONE]");

    assertThat(stream.finish().content()).isEqualTo("A");
  }

  @Test
  void anErrorEventTypeOrRateLimitCodeIsTyped() {
    assertThatThrownBy(() -> stream.accept("error", "{\"message\":\"overloaded\"}"))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("overloaded");
    assertThatThrownBy(
            () ->
                stream.accept(
                    null,
                    "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\","
                        + "\"code\":\"rate_limit_exceeded\"}}"))
        .isInstanceOf(RateLimitException.class)
        .hasMessageContaining("slow down");
  }

  @Test
  void anUnreadableEventIsMalformedAndRedacted() {
    assertThatThrownBy(() -> stream.accept(null, "sk-secret-value"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageNotContaining("sk-secret-value")
        .hasNoCause();
  }
}
