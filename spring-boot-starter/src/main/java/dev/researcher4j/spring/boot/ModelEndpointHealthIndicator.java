package dev.researcher4j.spring.boot;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.model.anthropic.AnthropicChatModel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Actuator health of the model endpoint: asks it which models it serves ({@code GET …/models}, one
 * attempt, no tokens spent) and reports UP with the endpoint, the configured model and whether the
 * server lists it, or DOWN with the error (which never holds the API key). A {@link ChatModel} it
 * cannot probe (one of your own) is UNKNOWN. Thread-safe.
 */
final class ModelEndpointHealthIndicator extends AbstractHealthIndicator {

  private final ChatModel model;
  private final ResearcherProperties properties;

  ModelEndpointHealthIndicator(ChatModel model, ResearcherProperties properties) {
    super("researcher4j model endpoint health check failed");
    this.model = model;
    this.properties = properties;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    String configured = model.info().model();
    builder
        .withDetail("provider", model.info().provider())
        .withDetail("model", configured)
        .withDetail("endpoint", String.valueOf(model.info().parameters().get("base_url")));
    List<String> served;
    try {
      if (model instanceof AnthropicChatModel anthropic) {
        served = anthropic.listModels();
      } else if (model instanceof OpenAiChatModel) {
        served = OpenAiChatModel.listModels(openAiEnv());
      } else {
        builder.unknown().withDetail("reason", "no probe for " + model.getClass().getName());
        return;
      }
    } catch (ResearchException e) {
      builder.down().withDetail("error", e.getMessage());
      if (e.statusCode() != 0) {
        builder.withDetail("status", e.statusCode());
      }
      return;
    }
    builder
        .up()
        .withDetail("modelsServed", served.size())
        .withDetail("modelListed", served.contains(configured));
  }

  private Map<String, String> openAiEnv() {
    Map<String, String> env = new HashMap<>();
    ResearcherProperties.OpenAi openai = properties.getOpenai();
    if (ChatModels.isSet(openai.getBaseUrl())) {
      env.put(OpenAiChatModel.ENV_BASE_URL, openai.getBaseUrl());
    }
    if (ChatModels.isSet(openai.getApiKey())) {
      env.put(OpenAiChatModel.ENV_API_KEY, openai.getApiKey());
    }
    return env;
  }
}
