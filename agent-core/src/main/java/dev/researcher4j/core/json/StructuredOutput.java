package dev.researcher4j.core.json;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.StructuredOutputException;
import dev.researcher4j.core.internal.json.JsonExtraction;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gets a typed object out of a model, whatever the model wraps it in.
 *
 * <p>The request is sent as given (set its {@link ResponseFormat} to {@link
 * ResponseFormat#jsonSchema} where the server supports it; {@link #withSchemaFormat} does that for
 * you). The reply is read tolerantly: reasoning blocks ({@code <think>…</think>}), Markdown code
 * fences and prose around the JSON are skipped, and trailing commas, comments and single quotes are
 * forgiven. If it still cannot be read, the model is asked again — up to {@link #maxReasks()} times
 * — with the parse error and the expected schema, before {@link StructuredOutputException} is
 * thrown.
 *
 * <p>Immutable and thread-safe.
 */
public final class StructuredOutput {

  /** Default number of times the model is asked again after an unreadable reply. */
  public static final int DEFAULT_MAX_REASKS = 1;

  private static final StructuredOutput DEFAULT = new StructuredOutput(DEFAULT_MAX_REASKS);

  /** A typed value and every model response it took (for usage accounting and trajectories). */
  public record Result<T>(T value, List<ChatResponse> responses) {
    /** Copies the list. */
    public Result {
      Objects.requireNonNull(value, "value");
      responses = List.copyOf(responses);
    }
  }

  private final int maxReasks;

  private StructuredOutput(int maxReasks) {
    this.maxReasks = maxReasks;
  }

  /** Asks again once after an unreadable reply. */
  public static StructuredOutput ofDefaults() {
    return DEFAULT;
  }

  /** Asks again up to {@code maxReasks} times (0 for never). */
  public static StructuredOutput withMaxReasks(int maxReasks) {
    if (maxReasks < 0) {
      throw new IllegalArgumentException("maxReasks must be >= 0, but was " + maxReasks);
    }
    return new StructuredOutput(maxReasks);
  }

  /** How many times the model is asked again after an unreadable reply. */
  public int maxReasks() {
    return maxReasks;
  }

  /** {@code request} asking for JSON matching the schema of {@code type}. */
  public static ChatRequest withSchemaFormat(ChatRequest request, String name, Type type) {
    return request.toBuilder()
        .responseFormat(ResponseFormat.jsonSchema(name, JsonSchemas.forType(type)))
        .build();
  }

  /**
   * Sends {@code request} to {@code model} and reads the reply as {@code type}.
   *
   * @throws StructuredOutputException if no reply could be read after the re-asks
   * @throws dev.researcher4j.api.ResearchException if the model call itself fails
   */
  public <T> Result<T> ask(ChatModel model, ChatRequest request, Class<T> type) {
    return ask(model, request, (Type) type, ChatObserver.NONE);
  }

  /**
   * Sends {@code request} to {@code model} and reads the reply as {@code type} (which may be
   * generic, e.g. a {@code List<Verdict>} from a {@code TypeReference}).
   */
  public <T> Result<T> ask(ChatModel model, ChatRequest request, Type type, ChatObserver observer) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(request, "request");
    JavaType javaType = TypeFactory.defaultInstance().constructType(type);
    List<ChatResponse> responses = new ArrayList<>();
    ChatRequest current = request;
    String lastError = "";
    for (int attempt = 0; attempt <= maxReasks; attempt++) {
      ChatResponse response = model.chat(current, observer);
      responses.add(response);
      String text = response.text();
      if (text.isBlank() && !response.message().reasoning().isBlank()) {
        // Some servers put everything in the reasoning channel; the JSON may be there.
        text = response.message().reasoning();
      }
      try {
        T value = JsonExtraction.extract(text, javaType);
        if (value != null) {
          return new Result<>(value, responses);
        }
        lastError = "the reply was JSON null";
      } catch (JsonExtraction.ExtractionException e) {
        lastError = e.getMessage();
      }
      current = reask(current, response, lastError, type);
    }
    throw new StructuredOutputException(
        "model reply could not be read as "
            + javaType.getRawClass().getSimpleName()
            + " after "
            + responses.size()
            + " attempt(s): "
            + lastError
            + "; last reply began: "
            + abbreviate(responses.get(responses.size() - 1).text()));
  }

  /**
   * Reads {@code text} as {@code type} without calling a model.
   *
   * @throws StructuredOutputException if it cannot be read; the message says why
   */
  public static <T> T parse(String text, Class<T> type) {
    try {
      T value = JsonExtraction.extract(text, TypeFactory.defaultInstance().constructType(type));
      if (value == null) {
        throw new StructuredOutputException("text was JSON null, expected " + type.getSimpleName());
      }
      return value;
    } catch (JsonExtraction.ExtractionException e) {
      throw new StructuredOutputException(
          "text could not be read as " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  private static ChatRequest reask(ChatRequest request, ChatResponse bad, String error, Type type) {
    String schema = schemaText(request, type);
    String instruction =
        "Your previous reply could not be read as JSON ("
            + error
            + "). Reply again with only one JSON value"
            + (schema.isEmpty() ? "" : " matching this JSON Schema:\n" + schema)
            + "\nNo prose, no code fences.";
    return request.toBuilder()
        .addMessage(Message.assistant(bad.text().isBlank() ? "(empty reply)" : bad.text()))
        .addMessage(Message.user(instruction))
        .build();
  }

  private static String schemaText(ChatRequest request, Type type) {
    ObjectNode schema = request.responseFormat().schema();
    if (schema != null) {
      return schema.toString();
    }
    try {
      return JsonSchemas.forType(type).toString();
    } catch (IllegalArgumentException noSchema) {
      return "";
    }
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
  }
}
