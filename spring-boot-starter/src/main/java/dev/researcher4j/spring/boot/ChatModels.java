package dev.researcher4j.spring.boot;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.model.anthropic.AnthropicChatModel;
import java.util.Locale;

/** Builds the {@link ChatModel} the properties describe. Stateless. */
final class ChatModels {
  private ChatModels() {}

  static final String OPENAI = "openai";
  static final String ANTHROPIC = "anthropic";

  /** Which provider the properties choose: {@value #OPENAI} or {@value #ANTHROPIC}. */
  static String provider(ResearcherProperties properties) {
    String named = properties.getProvider();
    if (named != null && !named.isBlank()) {
      String lower = named.strip().toLowerCase(Locale.ROOT);
      if (!lower.equals(OPENAI) && !lower.equals(ANTHROPIC)) {
        throw new ConfigurationException(
            "researcher4j.provider must be openai or anthropic, but was '" + named + "'");
      }
      return lower;
    }
    ResearcherProperties.OpenAi openai = properties.getOpenai();
    boolean openAiSet = isSet(openai.getApiKey()) || isSet(openai.getBaseUrl());
    return isSet(properties.getAnthropic().getApiKey()) && !openAiSet ? ANTHROPIC : OPENAI;
  }

  /**
   * The model the properties describe.
   *
   * @throws ConfigurationException naming the property to set
   */
  static ChatModel create(ResearcherProperties properties) {
    return provider(properties).equals(ANTHROPIC)
        ? anthropic(properties.getAnthropic())
        : openAi(properties.getOpenai());
  }

  private static ChatModel openAi(ResearcherProperties.OpenAi p) {
    if (!isSet(p.getApiKey()) && !isSet(p.getBaseUrl())) {
      throw new ConfigurationException(
          "no model configured: set researcher4j.openai.api-key (and researcher4j.openai.model)"
              + " for OpenAI, researcher4j.openai.base-url for another OpenAI-compatible server"
              + " (e.g. http://localhost:11434/v1 for Ollama), or researcher4j.anthropic.api-key"
              + " for Anthropic");
    }
    if (!isSet(p.getModel())) {
      throw new ConfigurationException(
          "researcher4j.openai.model is not set; name the model to call, e.g. gpt-4o-mini");
    }
    OpenAiChatModel.Builder builder = OpenAiChatModel.builder().model(p.getModel());
    if (isSet(p.getBaseUrl())) {
      builder.baseUrl(p.getBaseUrl());
    }
    builder.apiKey(p.getApiKey());
    if (p.getTemperature() != null) {
      builder.temperature(p.getTemperature());
    }
    if (p.getMaxTokens() != null) {
      builder.maxTokens(p.getMaxTokens());
    }
    if (p.getContextWindow() != null) {
      builder.contextWindow(p.getContextWindow());
    }
    return builder.build();
  }

  private static ChatModel anthropic(ResearcherProperties.Anthropic p) {
    if (!isSet(p.getApiKey()) && !isSet(p.getBaseUrl())) {
      throw new ConfigurationException(
          "researcher4j.anthropic.api-key is not set, and Anthropic's API needs a key");
    }
    if (!isSet(p.getModel())) {
      throw new ConfigurationException(
          "researcher4j.anthropic.model is not set; name the model to call, e.g."
              + " claude-sonnet-4-5");
    }
    AnthropicChatModel.Builder builder =
        AnthropicChatModel.builder()
            .model(p.getModel())
            .apiKey(p.getApiKey())
            .promptCaching(p.isPromptCaching());
    if (isSet(p.getBaseUrl())) {
      builder.baseUrl(p.getBaseUrl());
    }
    if (p.getMaxTokens() != null) {
      builder.maxTokens(p.getMaxTokens());
    }
    builder.thinkingBudget(p.getThinkingBudget());
    return builder.build();
  }

  static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
