package dev.researcher4j.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.core.http.Redactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** How an OpenAI-compatible endpoint is addressed and described. Stateless. */
final class OpenAiEndpoints {
  private OpenAiEndpoints() {}

  static OkHttpClient defaultClient() {
    return new OkHttpClient.Builder()
        .connectionPool(
            new ConnectionPool(OpenAiChatModel.DEFAULT_MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
        .build();
  }

  /** The Chat Completions URL for {@code baseUrl}; see the class Javadoc for the rule. */
  static HttpUrl endpointFor(String baseUrl) {
    HttpUrl url = HttpUrl.parse(baseUrl.strip());
    if (url == null) {
      throw new IllegalArgumentException(
          "baseUrl must be an http or https URL, but was '"
              + Redactor.patternsOnly().redact(baseUrl)
              + "'");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : url.pathSegments()) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    int n = segments.size();
    if (!(n >= 2
        && segments.get(n - 2).equals("chat")
        && segments.get(n - 1).equals("completions"))) {
      if (segments.isEmpty()) {
        segments.add("v1");
      }
      segments.add("chat");
      segments.add("completions");
    }
    HttpUrl.Builder builder = url.newBuilder().encodedPath("/");
    segments.forEach(builder::addPathSegment);
    return builder.build();
  }

  static String wireName(OpenAiChatModel.MaxTokensField field, HttpUrl endpoint) {
    return switch (field) {
      case MAX_TOKENS -> "max_tokens";
      case MAX_COMPLETION_TOKENS -> "max_completion_tokens";
      case AUTO -> isOpenAi(endpoint) ? "max_completion_tokens" : "max_tokens";
    };
  }

  static boolean isOpenAi(HttpUrl url) {
    return url.host().equalsIgnoreCase("api.openai.com");
  }

  /** DeepSeek and Moonshot thinking models reject tool-call turns that lack their reasoning. */
  static boolean wantsReasoningBack(HttpUrl url) {
    String host = url.host().toLowerCase(Locale.ROOT);
    return host.equals("api.deepseek.com")
        || host.endsWith(".deepseek.com")
        || host.equals("api.moonshot.ai")
        || host.equals("api.moonshot.cn");
  }

  static boolean isCredentialHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.contains("key")
        || lower.contains("token")
        || lower.contains("auth")
        || lower.contains("secret")
        || lower.contains("cookie");
  }

  static String display(HttpUrl url) {
    return url.newBuilder().query(null).username("").password("").build().toString();
  }

  static Object infoValue(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return value;
    }
    if (value instanceof List<?> list
        && list.stream()
            .allMatch(v -> v instanceof String || v instanceof Number || v instanceof Boolean)) {
      return List.copyOf(list);
    }
    return new ObjectMapper().valueToTree(value).toString();
  }

  static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
