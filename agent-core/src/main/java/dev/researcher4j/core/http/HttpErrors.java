package dev.researcher4j.core.http;

import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.NotFoundException;
import dev.researcher4j.api.QuotaExceededException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.RequestTimeoutException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.ServerErrorException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Maps an HTTP failure to the exception that says what happened and what to do. */
public final class HttpErrors {
  private HttpErrors() {}

  /**
   * Error codes with which providers say an account's quota or credit is gone (not a rate limit).
   */
  private static final Set<String> QUOTA_CODES =
      Set.of(
          "insufficient_quota",
          "quota_exceeded",
          "billing_hard_limit_reached",
          "insufficient_balance",
          "credit_balance_too_low",
          "payment_required");

  /**
   * The exception for a response with status {@code status}.
   *
   * @param provider who answered
   * @param error what the provider said
   * @param retryAfter the wait the server asked for, or {@code null}
   * @param authHint what to fix when credentials are rejected (e.g. "set OPENAI_API_KEY to a valid
   *     key"), or empty
   */
  public static ResearchException forStatus(
      String provider, int status, ProviderError error, Duration retryAfter, String authHint) {
    String code = error.code();
    String detail = "HTTP " + status + (code.isEmpty() ? "" : " " + code) + ": " + error.message();
    String prefix = provider + ": ";
    if (status == 401 || status == 403) {
      String hint = authHint == null || authHint.isBlank() ? "" : " Fix: " + authHint + ".";
      return new AuthenticationException(
          prefix + "credentials rejected (" + detail + ")." + hint, null, provider, status, code);
    }
    if (status == 402 || isQuota(code, error.message())) {
      return new QuotaExceededException(
          prefix
              + "quota or credit exhausted ("
              + detail
              + "); waiting will not help, check the account's plan and billing.",
          null,
          provider,
          status,
          code);
    }
    if (status == 429) {
      String wait = retryAfter == null ? "" : " (server asked to wait " + retryAfter + ")";
      return new RateLimitException(
          prefix + "rate limited (" + detail + ")" + wait,
          null,
          provider,
          status,
          code,
          retryAfter);
    }
    if (status == 404) {
      return new NotFoundException(
          prefix
              + "not found ("
              + detail
              + "); check the base URL, the path and the model or resource name.",
          null,
          provider,
          status,
          code);
    }
    if (status == 408) {
      return new RequestTimeoutException(
          prefix + "request timed out (" + detail + ")", null, provider, status, code);
    }
    if (status == 409 || status >= 500) {
      return new ServerErrorException(
          prefix + "server error (" + detail + ")", null, provider, status, code, retryAfter);
    }
    return new InvalidRequestException(
        prefix + "request rejected (" + detail + ")", null, provider, status, code);
  }

  private static boolean isQuota(String code, String message) {
    if (QUOTA_CODES.contains(code.toLowerCase(Locale.ROOT))) {
      return true;
    }
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("exceeded your current quota") || lower.contains("insufficient balance");
  }
}
