package dev.researcher4j.core.model;

import static dev.researcher4j.core.model.OpenAiChatModel.*;
import static dev.researcher4j.core.model.OpenAiEndpoints.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.core.http.HttpCaller;
import dev.researcher4j.core.http.Redactor;
import dev.researcher4j.core.http.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/** Configuration of an {@link OpenAiChatModel} from environment variables. Stateless. */
final class OpenAiEnvironment {
  private OpenAiEnvironment() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String HOW_TO_CONFIGURE =
      "Set "
          + ENV_MODEL
          + " to the model to call and, for OpenAI, "
          + ENV_API_KEY
          + " (e.g. "
          + ENV_API_KEY
          + "=sk-... "
          + ENV_MODEL
          + "=gpt-4o-mini); for a local server set "
          + ENV_BASE_URL
          + " instead of a key, e.g. "
          + ENV_BASE_URL
          + "=http://localhost:11434/v1 "
          + ENV_MODEL
          + "=qwen3:8b for Ollama (vLLM: http://localhost:8000/v1, llama.cpp server:"
          + " http://localhost:8080/v1).";

  /** See {@link OpenAiChatModel#fromEnv(Map)}. */
  static OpenAiChatModel fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String model = value(env, ENV_MODEL);
    String key = value(env, ENV_API_KEY);
    String base = value(env, ENV_BASE_URL);
    List<String> problems = new ArrayList<>();
    HttpUrl baseParsed = null;
    if (base != null) {
      baseParsed = HttpUrl.parse(base.strip());
      if (baseParsed == null) {
        problems.add(
            ENV_BASE_URL
                + " must be an http or https URL, but was '"
                + Redactor.patternsOnly().redact(base)
                + "'");
      }
    }
    if (model == null) {
      problems.add(ENV_MODEL + " is not set");
    }
    boolean openAi = base == null || (baseParsed != null && isOpenAi(baseParsed));
    if (key == null && openAi) {
      problems.add(ENV_API_KEY + " is not set, and OpenAI's API needs a key");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(
          PROVIDER + ": " + String.join("; ", problems) + ". " + HOW_TO_CONFIGURE);
    }
    return builder().fromEnv(env).build();
  }

  /** See {@link OpenAiChatModel#listModels(Map)}. */
  static List<String> listModels(Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    String base = value(env, ENV_BASE_URL);
    String key = value(env, ENV_API_KEY);
    HttpUrl endpoint = endpointFor(base == null ? DEFAULT_BASE_URL : base);
    HttpUrl models =
        endpoint
            .newBuilder()
            .removePathSegment(endpoint.pathSize() - 1)
            .removePathSegment(endpoint.pathSize() - 2)
            .addPathSegment("models")
            .build();
    Request.Builder request = new Request.Builder().url(models).get();
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    HttpCaller caller =
        HttpCaller.builder(PROVIDER)
            .client(
                new OkHttpClient.Builder()
                    .callTimeout(DEFAULT_CONNECT_TIMEOUT.multipliedBy(3))
                    .build())
            .retryPolicy(RetryPolicy.custom().maxAttempts(2).build())
            .secret(key)
            .authHint("set " + ENV_API_KEY + " to a valid key for " + display(models))
            .build();
    String body = caller.executeForText(request.build(), MAX_RESPONSE_BYTES, r -> {}).value();
    try {
      List<String> ids = new ArrayList<>();
      for (com.fasterxml.jackson.databind.JsonNode model : JSON.readTree(body).path("data")) {
        String id = model.path("id").asText("");
        if (!id.isBlank()) {
          ids.add(id);
        }
      }
      return ids;
    } catch (JsonProcessingException e) {
      throw new dev.researcher4j.api.MalformedResponseException(
          PROVIDER + ": the model list from " + display(models) + " is not JSON",
          null,
          PROVIDER,
          200,
          "");
    }
  }
}
