package dev.researcher4j.model.anthropic.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.ContextLengthExceededException;
import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.core.http.HttpErrors;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.core.http.Redactor;
import dev.researcher4j.core.http.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.Response;

/**
 * Turns Messages API errors ({@code {"type": "error", "error": {"type", "message"}}}, as an HTTP
 * body or as a stream's {@code error} event) into exceptions that say what to fix, on top of the
 * shared {@link HttpErrors} mapping: a prompt too long for the context window, an unknown model, an
 * exhausted credit balance, and 529 overloaded. Thread-safe.
 */
public final class AnthropicErrors {

  /** The HTTP status the API gives each error type, for errors that arrive inside a stream. */
  private static final Map<String, Integer> STATUS_OF_TYPE =
      Map.of(
          "invalid_request_error", 400,
          "authentication_error", 401,
          "billing_error", 402,
          "permission_error", 403,
          "not_found_error", 404,
          "request_too_large", 413,
          "rate_limit_error", 429,
          "api_error", 500,
          "overloaded_error", 529);

  private static final Pattern CONTEXT_OVERFLOW =
      Pattern.compile(
          "(?i)(prompt is too long|context[ _-]?(length|window)|too many (input )?tokens"
              + "|exceeds? the model's (maximum )?context)");

  private final String provider;
  private final String model;
  private final String endpoint;
  private final String authHint;
  private final Clock clock;

  /**
   * @param endpoint the endpoint as shown in messages (no query, no secrets)
   * @param hasApiKey whether a key is configured, which changes the advice on 401/403
   */
  public AnthropicErrors(
      String provider, String model, String endpoint, boolean hasApiKey, Clock clock) {
    this.provider = Objects.requireNonNull(provider, "provider");
    this.model = Objects.requireNonNull(model, "model");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.authHint =
        hasApiKey
            ? "set ANTHROPIC_API_KEY to a valid key for "
                + endpoint
                + ", or ANTHROPIC_BASE_URL to the server this key belongs to"
            : "no API key is set; set ANTHROPIC_API_KEY (or apiKey(...) on the builder)";
  }

  /** What to fix when credentials are rejected; names {@code ANTHROPIC_API_KEY}. */
  public String authHint() {
    return authHint;
  }

  /**
   * The exception for an error response where the shared mapping would say too little, or {@code
   * null} to use it. Plugged into {@code HttpCaller} as its error mapper.
   */
  public ResearchException map(int status, ProviderError error, Response response) {
    Duration retryAfter =
        response == null ? null : RetryAfter.parse(response.headers(), clock).orElse(null);
    return mapStatus(status, error, retryAfter);
  }

  /**
   * The exception for an {@code error} event inside a stream (or a 200 body of type {@code error}),
   * whose HTTP status said nothing: the error's type decides.
   */
  public ResearchException embeddedError(JsonNode body, Redactor redactor) {
    JsonNode error = body.has("error") ? body.get("error") : body;
    String type = text(error.get("type"));
    String message = text(error.get("message"));
    ProviderError parsed =
        new ProviderError(
            redactor.redact(type),
            redactor.redact(
                "error reported inside the response: "
                    + (message.isEmpty() ? abbreviate(error.toString()) : abbreviate(message))));
    int status = STATUS_OF_TYPE.getOrDefault(type.toLowerCase(Locale.ROOT), 0);
    if (status == 0) {
      return new ServerErrorException(
          provider + ": server error (" + parsed.code() + ": " + parsed.message() + ")",
          null,
          provider,
          0,
          parsed.code(),
          null);
    }
    ResearchException mapped = mapStatus(status, parsed, null);
    return mapped != null ? mapped : HttpErrors.forStatus(provider, status, parsed, null, authHint);
  }

  private ResearchException mapStatus(int status, ProviderError error, Duration retryAfter) {
    String lower = error.message().toLowerCase(Locale.ROOT);
    if ((status == 400 || status == 413) && CONTEXT_OVERFLOW.matcher(error.message()).find()) {
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
    if (status == 400 && lower.contains("credit balance")) {
      return new QuotaExceededException(
          provider
              + ": credit exhausted ("
              + detail(status, error)
              + "); waiting will not help, check the account's plan and billing.",
          null,
          provider,
          status,
          error.code());
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
              + "); check the model name (RESEARCHER_MODEL) and the base URL"
              + " (ANTHROPIC_BASE_URL)",
          null,
          provider,
          status,
          error.code());
    }
    if (status == 529) {
      return new ServerErrorException(
          provider
              + ": the API is overloaded ("
              + detail(status, error)
              + "); retried, and worth trying again later",
          null,
          provider,
          status,
          error.code(),
          retryAfter);
    }
    return null;
  }

  private static String detail(int status, ProviderError error) {
    return "HTTP "
        + status
        + (error.code().isEmpty() ? "" : " " + error.code())
        + ": "
        + error.message();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? "" : node.asText();
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }
}
