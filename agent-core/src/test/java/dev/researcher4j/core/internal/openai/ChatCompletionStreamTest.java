package dev.researcher4j.core.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.Redactor;
import dev.researcher4j.core.model.RecordingObserver;
import java.io.IOException;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;
import okio.Source;
import org.junit.jupiter.api.Test;

class ChatCompletionStreamTest {

  private final RecordingObserver recording = new RecordingObserver();

  private final ChatCompletionStream stream = stream(recording);

  private static ChatCompletionStream stream(ChatObserver observer) {
    return new ChatCompletionStream(
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
        observer);
  }

  /** A 200 response whose body is {@code events} as server-sent events. */
  private static Response sse(String... events) {
    StringBuilder body = new StringBuilder();
    for (String event : events) {
      body.append(event).append("\n\n");
    }
    return response(ResponseBody.create(body.toString(), MediaType.get("text/event-stream")));
  }

  private static Response response(ResponseBody body) {
    return new Response.Builder()
        .request(new Request.Builder().url("http://localhost/v1/chat/completions").build())
        .protocol(Protocol.HTTP_1_1)
        .code(200)
        .message("OK")
        .body(body)
        .build();
  }

  /** A body that yields {@code events} and then fails as a dropped connection does. */
  private static Response droppedAfter(String... events) {
    StringBuilder text = new StringBuilder();
    for (String event : events) {
      text.append(event).append("\n\n");
    }
    Buffer buffer = new Buffer().writeUtf8(text.toString());
    Source failing =
        new ForwardingSource(buffer) {
          @Override
          public long read(Buffer sink, long byteCount) throws IOException {
            long read = super.read(sink, byteCount);
            if (read == -1) {
              throw new IOException("connection reset");
            }
            return read;
          }
        };
    BufferedSource source = Okio.buffer(failing);
    return response(ResponseBody.create(source, MediaType.get("text/event-stream"), -1));
  }

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

  @Test
  void deltasAccumulateIntoTheSameShapeAsAWholeResponse() throws IOException {
    Completion completion =
        stream.read(
            sse(
                "data: {\"id\":\"chatcmpl-1\",\"model\":\"m-1\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"Check \"}}]}",
                "data: {\"id\":\"chatcmpl-2\",\"model\":\"m-2\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"reasoning\":\"S1.\"}}]}",
                "data: " + chunk("{\"content\":\"Paris \"}", "null"),
                "data: " + chunk("{\"content\":[{\"type\":\"text\",\"text\":\"it is.\"}]}", "null"),
                "data: " + chunk("{}", "\"stop\""),
                "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":5}}",
                "data: [DONE]"));

    assertThat(completion.id()).isEqualTo("chatcmpl-1");
    assertThat(completion.model()).isEqualTo("m-1");
    assertThat(completion.reasoning()).isEqualTo("Check S1.");
    assertThat(completion.content()).isEqualTo("Paris it is.");
    assertThat(completion.finishReason()).isEqualTo("stop");
    assertThat(completion.usage()).isEqualTo(Usage.of(12, 5));
    assertThat(completion.toolCalls()).isEmpty();
    assertThat(recording.events())
        .containsExactly("reasoning:Check ", "reasoning:S1.", "text:Paris ", "text:it is.");
  }

  @Test
  void toolCallsAreAssembledByIndexWithIdAndNameFromTheirFirstDelta() {
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"call_a\",\"type\":\"function\","
                + "\"function\":{\"name\":\"web_search\",\"arguments\":\"\"}}]}",
            "null"));
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"index\":1,\"id\":\"call_b\",\"function\":{\"name\":"
                + "\"read_url\",\"arguments\":\"{\\\"url\\\":\"}}]}",
            "null"));
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"\",\"function\":{\"name\":\"x\","
                + "\"arguments\":\"{\\\"query\\\":\\\"a\\\"}\"}}]}",
            "null"));
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"index\":1,\"function\":{\"arguments\":\"\\\"https://a.org\\\"}\"}}]}",
            "\"tool_calls\""));

    Completion completion = stream.finish();

    assertThat(completion.toolCalls())
        .containsExactly(
            new ToolCall("call_a", "web_search", "{\"query\":\"a\"}"),
            new ToolCall("call_b", "read_url", "{\"url\":\"https://a.org\"}"));
    assertThat(completion.finishReason()).isEqualTo("tool_calls");
    assertThat(recording.events())
        .containsExactly(
            "tool:0:call_a:web_search:",
            "tool:1:call_b:read_url:{\"url\":",
            "tool:0::x:{\"query\":\"a\"}",
            "tool:1:::\"https://a.org\"}");
  }

  @Test
  void callsWithoutAnIndexAreToldApartByTheirIds() {
    stream.accept(
        null,
        chunk("{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"web_search\"}}]}", "null"));
    stream.accept(null, chunk("{\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"}}]}", "null"));
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"id\":\"b\",\"function\":{\"name\":\"read_url\","
                + "\"arguments\":\"{\\\"u\\\":1\"}}]}",
            "null"));
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"id\":\"b\",\"function\":{\"arguments\":\"}\"}}]}",
            "\"tool_calls\""));

    assertThat(stream.finish().toolCalls())
        .containsExactly(
            new ToolCall("a", "web_search", "{}"), new ToolCall("b", "read_url", "{\"u\":1}"));
  }

  @Test
  void aCallWithoutAnIdGetsOneOfItsOwn() {
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"function\":{\"name\":\"a\",\"arguments\":\"{}\"}},"
                + "{\"index\":1,\"function\":{\"name\":\"b\",\"arguments\":{\"k\":1}}}]}",
            "\"tool_calls\""));

    List<ToolCall> calls = stream.finish().toolCalls();

    assertThat(calls).extracting(ToolCall::name).containsExactly("a", "b");
    assertThat(calls.get(0).id()).matches("call_0_[0-9a-f]{16}");
    assertThat(calls.get(1).id()).matches("call_1_[0-9a-f]{16}");
    assertThat(calls.get(1).arguments()).isEqualTo("{\"k\":1}");
  }

  @Test
  void inlineReasoningBlocksAreToldAsReasoningAndMovedOutOfTheAnswer() {
    stream.accept(null, chunk("{\"content\":\"<thi\"}", "null"));
    stream.accept(null, chunk("{\"content\":\"nk>hm</think>Yes\"}", "\"stop\""));

    Completion completion = stream.finish();

    assertThat(completion.content()).isEqualTo("Yes");
    assertThat(completion.reasoning()).isEqualTo("hm");
    assertThat(recording.events()).containsExactly("reasoning:hm", "text:Yes");
  }

  @Test
  void aHeldBackPieceOfTextIsToldWhenTheStreamEnds() {
    stream.accept(null, chunk("{\"content\":\"a <\"}", "\"stop\""));

    assertThat(recording.events()).containsExactly("text:a ");
    assertThat(stream.finish().content()).isEqualTo("a <");
    assertThat(recording.events()).containsExactly("text:a ", "text:<");
  }

  @Test
  void serversThatStreamWholeMessagesAndPutUsageInTheChoiceAreRead() {
    stream.accept(
        null,
        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
            + "\"finish_reason\":\"stop\",\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1}}]}");

    Completion completion = stream.finish();

    assertThat(completion.content()).isEqualTo("Hi");
    assertThat(completion.usage()).isEqualTo(Usage.of(3, 1));
  }

  @Test
  void tokenIdsAndLogprobsAreCollectedAcrossChunks() {
    stream.accept(
        null,
        "{\"prompt_token_ids\":[1,2],\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"},"
            + "\"token_ids\":[7],\"logprobs\":{\"content\":[{\"token\":\"A\",\"logprob\":-0.5}]}}]}");
    stream.accept(
        null,
        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"B\"},\"token_ids\":[8],"
            + "\"prompt_token_ids\":[3],\"logprobs\":{\"content\":[{\"token\":\"B\",\"logprob\":-1.0}]},"
            + "\"finish_reason\":\"stop\"}]}");

    Completion completion = stream.finish();

    assertThat(completion.tokens().promptTokenIds()).containsExactly(1, 2, 3);
    assertThat(completion.tokens().completionTokenIds()).containsExactly(7, 8);
    assertThat(completion.tokens().completionTokens()).containsExactly("A", "B");
    assertThat(completion.tokens().logprobs()).containsExactly(-0.5, -1.0);
  }

  @Test
  void aStreamCutOffBeforeItsEndIsMalformedAndSaysHowFarItGot() {
    stream.accept(null, chunk("{\"content\":\"Hel\"}", "null"));
    stream.accept(null, "  ");
    stream.accept(null, chunk("{\"content\":\"lo\"}", "null"));
    stream.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\","
                + "\"arguments\":\"{\\\"q\\\"\"}}]}",
            "null"));

    assertThatThrownBy(stream::finish)
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "openai-compatible: stream ended before data: [DONE] and without a finish_reason: cut"
                + " off after 3 events and 9 characters");
  }

  @Test
  void doneWithoutAFinishReasonCompletesAStreamThatCarriedText() {
    stream.accept(null, chunk("{\"content\":\"Hi\"}", "null"));
    stream.accept(null, "[DONE]");

    Completion completion = stream.finish();

    assertThat(completion.content()).isEqualTo("Hi");
    assertThat(completion.finishReason()).isEmpty();
  }

  @Test
  void aStreamOfOnlyAReasoningDeltaOrOnlyACallIsNotEmpty() {
    stream.accept(null, chunk("{\"reasoning_content\":\"r\"}", "null"));
    stream.accept(null, "[DONE]");
    assertThat(stream.finish().reasoning()).isEqualTo("r");

    ChatCompletionStream calls = stream(ChatObserver.NONE);
    calls.accept(
        null,
        chunk(
            "{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\"}}]}", "null"));
    calls.accept(null, "[DONE]");
    assertThat(calls.finish().toolCalls()).hasSize(1);

    ChatCompletionStream usageOnly = stream(ChatObserver.NONE);
    usageOnly.accept(null, "{\"choices\":[],\"usage\":{\"prompt_tokens\":1}}");
    usageOnly.accept(null, "[DONE]");
    assertThatThrownBy(usageOnly::finish).hasMessageContaining("stream carried no choices");
  }

  @Test
  void anEventThatIsJsonButNotAnObjectIsMalformed() {
    assertThatThrownBy(() -> stream.accept(null, "[1, 2]"))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("openai-compatible: stream event is not a JSON object: [1, 2]");
    assertThatThrownBy(() -> stream.accept(null, "{\"error\": " + "x".repeat(300)))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageEndingWith("x".repeat(190) + "…");
  }

  @Test
  void anUnreadableEventIsQuotedUpToTwoHundredCharacters() {
    String exact = "y".repeat(200);

    assertThatThrownBy(() -> stream.accept(null, exact))
        .hasMessageEndingWith(": " + exact)
        .hasMessageNotContaining("…");
  }

  @Test
  void aNullErrorFieldIsNoError() {
    stream.accept(
        null,
        "{\"error\":null,\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},"
            + "\"finish_reason\":\"stop\"}]}");

    assertThat(stream.finish().content()).isEqualTo("ok");
  }

  @Test
  void aStreamLongerThanTheLimitIsRefused() {
    String piece = "x".repeat((int) (ChatCompletionStream.MAX_STREAM_CHARS / 2));
    ChatCompletionStream quiet = stream(ChatObserver.NONE);
    quiet.accept(null, chunk("{\"content\":\"" + piece + "\"}", "null"));
    quiet.accept(null, chunk("{\"reasoning_content\":\"" + piece + "\"}", "null"));

    assertThatThrownBy(() -> quiet.accept(null, chunk("{\"content\":\"x\"}", "null")))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage("openai-compatible: stream longer than 33554432 characters");
  }

  @Test
  void eventsAfterDoneAreNotRead() throws IOException {
    Completion completion =
        stream.read(
            sse(
                "data: " + chunk("{\"content\":\"A\"}", "\"stop\""),
                "data: [DONE]",
                "data: " + chunk("{\"content\":\"B\"}", "null")));

    assertThat(completion.content()).isEqualTo("A");
  }

  @Test
  void aConnectionLostAfterTheFinishReasonCostsOnlyTheUsage() throws IOException {
    Completion completion =
        stream.read(droppedAfter("data: " + chunk("{\"content\":\"whole\"}", "\"stop\"")));

    assertThat(completion.content()).isEqualTo("whole");
    assertThat(completion.usage()).isEqualTo(Usage.ZERO);
  }

  @Test
  void aConnectionLostMidAnswerIsAnIoFailure() {
    assertThatThrownBy(
            () -> stream.read(droppedAfter("data: " + chunk("{\"content\":\"half\"}", "null"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("connection reset");
  }

  @Test
  void anErrorEventMidStreamIsThrownTypedAndStopsTheReading() {
    assertThatThrownBy(
            () ->
                stream.read(
                    sse(
                        "data: " + chunk("{\"content\":\"A\"}", "null"),
                        "data: {\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}",
                        "data: " + chunk("{\"content\":\"B\"}", "null"))))
        .isInstanceOf(RateLimitException.class);
    assertThat(recording.events()).containsExactly("text:A");
  }

  @Test
  void anObserverThatThrowsMakesTheStreamUnreadableWithTheCauseKept() {
    ChatCompletionStream throwing =
        stream(
            new ChatObserver() {
              @Override
              public void onTextDelta(String delta) {
                throw new IllegalStateException("observer broke on sk-secret-value");
              }
            });

    assertThatThrownBy(
            () -> throwing.read(sse("data: " + chunk("{\"content\":\"A\"}", "\"stop\""))))
        .isInstanceOf(MalformedResponseException.class)
        .hasMessage(
            "openai-compatible: stream could not be read: java.lang.IllegalStateException:"
                + " observer broke on ***")
        .hasCauseInstanceOf(IllegalStateException.class);
  }
}
