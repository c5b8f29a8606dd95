package dev.researcher4j.core.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.ContextLengthExceededException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.core.http.HttpErrors;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.core.http.Redactor;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.Response;

/**
 * Turns OpenAI-compatible error bodies and in-stream error events into exceptions that say what to
 * fix, on top of the shared {@link HttpErrors} mapping: context-window overflows, unknown models,
 * and the two request-shape mistakes compatible servers most often report.
 */
public final class OpenAiErrors {

  /**
   * The {@link ResearchException#errorCode()} of every context-window overflow, whatever the server
   * called it, so callers (context management) can recognise one without parsing messages.
   */
  public static final String CONTEXT_LENGTH_EXCEEDED = ContextLengthExceededException.ERROR_CODE;

  private static final ObjectMapper JSON = new ObjectMapper();

  // OpenAI and DeepSeek: "maximum context length is N tokens"; vLLM: same; llama.cpp: "exceeds the
  // available context size"; others: "context window", "prompt is too long".
  private static final Pattern CONTEXT_OVERFLOW =
      Pattern.compile(
          "(?i)(context[ _-]?(length|window|size)|maximum context|prompt is too long"
              + "|too many (input )?tokens|reduce the length of the messages)");

  private final String provider;
  private final String model;
  private final String endpoint;
  private final String authHint;
  private final String maxTokensField;
  private final boolean echoReasoning;

  /**
   * @param provider named in every message
   * @param model the configured model, named when it is not found
   * @param endpoint the endpoint URL as shown in messages (no query, no secrets)
   * @param hasApiKey whether an API key is configured, which changes the advice on 401/403
   * @param maxTokensField the token-limit field the client sends, to suggest the other one
   * @param echoReasoning whether the client sends reasoning back, to suggest the opposite
   */
  public OpenAiErrors(
      String provider,
      String model,
      String endpoint,
      boolean hasApiKey,
      String maxTokensField,
      boolean echoReasoning) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.maxTokensField = Objects.requireNonNull(maxTokensField, "maxTokensField");
    this.echoReasoning = echoReasoning;
    this.authHint =
        hasApiKey
            ? "set OPENAI_API_KEY to a valid key for "
                + endpoint
                + ", or OPENAI_BASE_URL to the server this key belongs to"
            : "no API key is set; set OPENAI_API_KEY (or apiKey(...) on the builder) to a key for "
                + endpoint;
  }

  /** What to fix when credentials are rejected; names {@code OPENAI_API_KEY}. */
  public String authHint() {
    return authHint;
  }

  /**
   * Reads an error body like {@link ProviderError#parse}, but prefers the error's {@code type} when
   * its {@code code} is only the HTTP status again (llama.cpp and vLLM send {@code "code": 400,
   * "type": "exceed_context_size_error"}): the type says more.
   */
  public static ProviderError parse(String body) {
    ProviderError base = ProviderError.parse(body);
    if (base.code().isEmpty() || isNumber(base.code())) {
      String type = errorType(body);
      if (!type.isEmpty()) {
        return new ProviderError(type, base.message());
      }
    }
    return base;
  }

  /**
   * The exception for an error response where the shared mapping would say too little, or {@code
   * null} to use it. Plugged into {@code HttpCaller} as its error mapper.
   */
  public ResearchException map(int status, ProviderError error, Response response) {
    if ((status == 400 || status == 413 || status == 422) && isContextOverflow(error)) {
      return contextOverflow(status, error);
    }
    if (status == 404) {
      return new NotFoundException(
          provider
              + ": model '"
              + model
              + "' or endpoint "
              + endpoint
              + " not found ("
              + detail(status, error)
              + "); check the model name (RESEARCHER_MODEL) and the base URL (OPENAI_BASE_URL)",
          null,
          provider,
          status,
          error.code());
    }
    String lower = error.message().toLowerCase(Locale.ROOT);
    if (status == 400 && lower.contains("max_tokens") && lower.contains("max_completion_tokens")) {
      String other = maxTokensField.equals("max_tokens") ? "MAX_COMPLETION_TOKENS" : "MAX_TOKENS";
      return invalid(
          status,
          error,
          "this server wants another token-limit parameter than "
              + maxTokensField
              + "; set maxTokensField("
              + other
              + ") on the model builder");
    }
    if (status == 400 && lower.contains("reasoning_content")) {
      return invalid(
          status,
          error,
          echoReasoning
              ? "this server does not accept reasoning sent back; set echoReasoning(false) on the"
                  + " model builder"
              : "this server wants the model's reasoning sent back with tool-call turns; set"
                  + " echoReasoning(true) on the model builder");
    }
    return null;
  }

  /**
   * The exception for an error event inside a 200 stream or body ({@code {"error": {...}}}), whose
   * HTTP status said nothing: a status in the event is honoured, else the error's type decides.
   */
  public ResearchException embeddedError(JsonNode error, Redactor redactor) {
    String message;
    String code;
    String type;
    int status;
    if (error.isObject()) {
      message = text(error.get("message"));
      code = text(error.get("code"));
      type = text(error.get("type"));
      status = httpStatus(error.get("code"));
      if (status == 0) {
        status = httpStatus(error.get("status"));
      }
    } else {
      message = error.isTextual() ? error.asText() : error.toString();
      code = "";
      type = "";
      status = 0;
    }
    String kind = !code.isEmpty() && !isNumber(code) ? code : type;
    ProviderError parsed =
        new ProviderError(
            redactor.redact(kind),
            redactor.redact(
                "error reported inside the response: "
                    + (message.isEmpty() ? error.toString() : abbreviate(message))));
    if (status == 0) {
      String lower = kind.toLowerCase(Locale.ROOT);
      if (lower.contains("rate_limit") || lower.contains("quota")) {
        status = 429;
      } else if (lower.contains("invalid_request") || lower.contains("bad_request")) {
        status = 400;
      } else if (lower.contains("authentication") || lower.contains("invalid_api_key")) {
        status = 401;
      }
    }
    if (status == 0) {
      return new ServerErrorException(
          provider + ": server error (" + parsed.code() + ": " + parsed.message() + ")",
          null,
          provider,
          0,
          parsed.code(),
          null);
    }
    if ((status == 400 || status == 413 || status == 422) && isContextOverflow(parsed)) {
      return contextOverflow(status, parsed);
    }
    return HttpErrors.forStatus(provider, status, parsed, null, authHint);
  }

  private ResearchException contextOverflow(int status, ProviderError error) {
    return new ContextLengthExceededException(
        provider
            + ": the conversation does not fit the context window of model '"
            + model
            + "' ("
            + detail(status, error)
            + "); shorten or compact the conversation, lower maxTokens, or use a model with a"
            + " larger context window",
        null,
        provider,
        status);
  }

  private InvalidRequestException invalid(int status, ProviderError error, String hint) {
    return new InvalidRequestException(
        provider + ": request rejected (" + detail(status, error) + "); " + hint,
        null,
        provider,
        status,
        error.code());
  }

  private static boolean isContextOverflow(ProviderError error) {
    String code = error.code().toLowerCase(Locale.ROOT);
    return code.contains("context_length")
        || code.contains("context_size")
        || code.contains("context_window")
        || CONTEXT_OVERFLOW.matcher(error.message()).find();
  }

  private static String detail(int status, ProviderError error) {
    return "HTTP "
        + status
        + (error.code().isEmpty() ? "" : " " + error.code())
        + ": "
        + error.message();
  }

  private static String errorType(String body) {
    if (body == null || !body.strip().startsWith("{")) {
      return "";
    }
    try {
      JsonNode error = JSON.readTree(body).get("error");
      return error != null && error.isObject() ? text(error.get("type")) : "";
    } catch (IOException notJson) {
      return "";
    }
  }

  private static int httpStatus(JsonNode node) {
    if (node == null || node.isNull()) {
      return 0;
    }
    int value;
    if (node.isIntegralNumber()) {
      value = node.asInt();
    } else if (node.isTextual() && isNumber(node.asText())) {
      value = Integer.parseInt(node.asText());
    } else {
      return 0;
    }
    return value >= 400 && value <= 599 ? value : 0;
  }

  private static boolean isNumber(String text) {
    return !text.isEmpty() && text.length() < 10 && text.chars().allMatch(Character::isDigit);
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return "";
    }
    return node.asText();
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
