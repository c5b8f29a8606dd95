package dev.researcher4j.examples.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the stub model says: {@code rounds} turns of {@code toolCalls} parallel calls of one tool,
 * then a final answer citing the first source, each after {@code modelLatency}.
 *
 * <p>The turn is read off the conversation (the number of assistant messages with tool calls it
 * holds), so the script keeps no state and serves concurrent conversations. Bodies are shaped like
 * OpenAI's Chat Completions responses, streamed ({@code chat.completion.chunk} events with a usage
 * chunk and {@code [DONE]}) or not ({@code chat.completion}).
 *
 * @param rounds tool-calling turns before the final answer
 * @param toolCalls parallel tool calls per turn
 * @param toolName the tool the model calls
 * @param modelLatency how long the model "thinks" before answering
 */
record ChatScript(int rounds, int toolCalls, String toolName, Duration modelLatency) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Characters per streamed text chunk: a few tokens, as servers send them. */
  private static final int TEXT_CHUNK_CHARS = 16;

  /**
   * One reply: tool calls, or text.
   *
   * @param calls the tool calls, or empty
   * @param text the answer text, or empty
   */
  record Reply(List<Call> calls, String text) {
    Reply {
      calls = List.copyOf(calls);
      Objects.requireNonNull(text, "text");
    }

    String finishReason() {
      return calls.isEmpty() ? "stop" : "tool_calls";
    }

    long completionTokens() {
      long chars = text.length();
      for (Call call : calls) {
        chars += call.name().length() + call.arguments().length();
      }
      return Math.max(1, chars / 4);
    }
  }

  /** A tool call: its id, tool name and JSON arguments. */
  record Call(String id, String name, String arguments) {}

  ChatScript {
    if (rounds < 0) {
      throw new IllegalArgumentException("rounds must be >= 0, but was " + rounds);
    }
    if (toolCalls < 1) {
      throw new IllegalArgumentException("toolCalls must be >= 1, but was " + toolCalls);
    }
    Objects.requireNonNull(toolName, "toolName");
    Objects.requireNonNull(modelLatency, "modelLatency");
  }

  /** Model calls a conversation takes: one per tool round, and the final answer. */
  int modelCalls() {
    return rounds + 1;
  }

  /**
   * What the server needs of a request body, read without building a tree (the body is the whole
   * history, and the stub must stay cheap next to the client it measures).
   *
   * @param model the {@code model} field
   * @param stream the {@code stream} field
   * @param round tool rounds already in the conversation: assistant messages with tool calls
   */
  record Request(String model, boolean stream, int round) {}

  /**
   * Reads {@code body}.
   *
   * @throws IOException if it is not JSON
   * @throws IllegalArgumentException if it is not an object with a {@code messages} array
   */
  static Request read(byte[] body) throws IOException {
    String model = "";
    boolean stream = false;
    int round = -1;
    try (JsonParser parser = JSON.getFactory().createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("the body is not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "model" -> model = parser.getValueAsString("");
          case "stream" -> stream = value == JsonToken.VALUE_TRUE;
          case "messages" -> round = toolRounds(parser);
          default -> parser.skipChildren();
        }
      }
    }
    if (round < 0) {
      throw new IllegalArgumentException("messages is required");
    }
    return new Request(model, stream, round);
  }

  /** Counts assistant messages with tool calls; the parser is at the array's start. */
  private static int toolRounds(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw new IllegalArgumentException("messages must be an array");
    }
    int rounds = 0;
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      boolean assistant = false;
      boolean calls = false;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("role")) {
          assistant = "assistant".equals(parser.getValueAsString());
        } else if (field.equals("tool_calls") && value == JsonToken.START_ARRAY) {
          calls = parser.nextToken() != JsonToken.END_ARRAY;
          if (calls) {
            parser.skipChildren();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
              parser.skipChildren();
            }
          }
        } else {
          parser.skipChildren();
        }
      }
      if (assistant && calls) {
        rounds++;
      }
    }
    return rounds;
  }

  /** The reply in a conversation that already had {@code round} tool rounds. */
  Reply reply(int round) {
    if (round >= rounds) {
      return new Reply(
          List.of(),
          "Answer: the scripted research finished after "
              + rounds
              + " rounds [S1].\n\nThe stub model asked for "
              + rounds * toolCalls
              + " tool calls in "
              + rounds
              + " rounds of "
              + toolCalls
              + " [S1]. It then wrote this answer, citing the first source it saw [S1].");
    }
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < toolCalls; i++) {
      ObjectNode arguments = JSON.createObjectNode();
      arguments.put("query", String.format(Locale.ROOT, "benchmark question %d.%d", round + 1, i));
      calls.add(
          new Call(
              String.format(Locale.ROOT, "call_r%d_%d", round + 1, i),
              toolName,
              arguments.toString()));
    }
    return new Reply(calls, "");
  }

  /** A {@code chat.completion} body for {@code reply}. */
  static byte[] completion(Reply reply, String id, String model, long promptTokens) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", "chat.completion");
    root.put("created", System.currentTimeMillis() / 1000);
    root.put("model", model);
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (reply.calls().isEmpty()) {
      message.put("content", reply.text());
    } else {
      message.putNull("content");
      ArrayNode calls = message.putArray("tool_calls");
      for (Call call : reply.calls()) {
        ObjectNode c = calls.addObject();
        c.put("id", call.id());
        c.put("type", "function");
        c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
      }
    }
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", reply.finishReason());
    usage(root.putObject("usage"), promptTokens, reply.completionTokens());
    root.put("service_tier", "default");
    root.put("system_fingerprint", "fp_bench");
    return bytes(root);
  }

  /**
   * The server-sent events of a streamed reply ({@code stream_options.include_usage} on): a role
   * chunk, the text a few characters at a time or each tool call's id and name then its arguments
   * in two pieces, a chunk with the finish reason, a usage chunk with empty choices, and {@code
   * [DONE]}.
   */
  static byte[] sse(Reply reply, String id, String model, long promptTokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long created = System.currentTimeMillis() / 1000;
    out.writeBytes(sseEvents(reply, id, model, created));
    out.writeBytes(sseUsage(reply, id, model, created, promptTokens));
    return out.toByteArray();
  }

  /** The events of a streamed reply up to (not including) the usage chunk. */
  static byte[] sseEvents(Reply reply, String id, String model, long created) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectNode first = chunk(id, model, created);
    ObjectNode delta = delta(first);
    delta.put("role", "assistant");
    delta.put("content", reply.calls().isEmpty() ? "" : null);
    delta.putNull("refusal");
    event(out, first);
    String text = reply.text();
    for (int start = 0; start < text.length(); start += TEXT_CHUNK_CHARS) {
      ObjectNode chunk = chunk(id, model, created);
      delta(chunk)
          .put("content", text.substring(start, Math.min(text.length(), start + TEXT_CHUNK_CHARS)));
      event(out, chunk);
    }
    int index = 0;
    for (Call call : reply.calls()) {
      ObjectNode opening = chunk(id, model, created);
      ObjectNode c = delta(opening).putArray("tool_calls").addObject();
      c.put("index", index);
      c.put("id", call.id());
      c.put("type", "function");
      c.putObject("function").put("name", call.name()).put("arguments", "");
      event(out, opening);
      String arguments = call.arguments();
      int half = arguments.length() / 2;
      for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
        ObjectNode more = chunk(id, model, created);
        ObjectNode m = delta(more).putArray("tool_calls").addObject();
        m.put("index", index);
        m.putObject("function").put("arguments", piece);
        event(out, more);
      }
      index++;
    }
    ObjectNode last = chunk(id, model, created);
    ((ObjectNode) last.get("choices").get(0)).put("finish_reason", reply.finishReason());
    event(out, last);
    return out.toByteArray();
  }

  /** The usage chunk (empty {@code choices}) and {@code [DONE]} that end a streamed reply. */
  static byte[] sseUsage(Reply reply, String id, String model, long created, long promptTokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ObjectNode usage = chunk(id, model, created);
    usage.putArray("choices");
    usage(usage.putObject("usage"), promptTokens, reply.completionTokens());
    event(out, usage);
    out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static ObjectNode chunk(String id, String model, long created) {
    ObjectNode chunk = JSON.createObjectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", created);
    chunk.put("model", model);
    chunk.put("system_fingerprint", "fp_bench");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("delta");
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    chunk.putNull("usage");
    return chunk;
  }

  private static ObjectNode delta(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0).get("delta");
  }

  private static void usage(ObjectNode usage, long prompt, long completion) {
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
    promptDetails.put("cached_tokens", 0);
    promptDetails.put("audio_tokens", 0);
    ObjectNode completionDetails = usage.putObject("completion_tokens_details");
    completionDetails.put("reasoning_tokens", 0);
    completionDetails.put("audio_tokens", 0);
    completionDetails.put("accepted_prediction_tokens", 0);
    completionDetails.put("rejected_prediction_tokens", 0);
  }

  private static void event(ByteArrayOutputStream out, ObjectNode data) {
    out.writeBytes("data: ".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(bytes(data));
    out.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] bytes(ObjectNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }
}
