package dev.researcher4j.examples.cli;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.core.model.ModelPrice;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.model.PriceTable;
import dev.researcher4j.model.anthropic.AnthropicChatModel;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the command line picks and configures Anthropic's Messages API: {@code --provider anthropic},
 * or no provider named and only {@code ANTHROPIC_API_KEY} set (no OpenAI key or base URL).
 */
final class AnthropicProvider {
  private AnthropicProvider() {}

  /** The model used when neither --model nor RESEARCHER_MODEL names one. */
  static final String DEFAULT_MODEL = "claude-sonnet-4-5";

  /**
   * Whether {@code provider} (or, when {@code null}, the environment) chooses Anthropic.
   *
   * @throws ConfigurationException for a provider name that is neither openai nor anthropic
   */
  static boolean chosen(String provider, Map<String, String> env) {
    if (provider != null) {
      return switch (provider.strip().toLowerCase(Locale.ROOT)) {
        case "anthropic", "claude" -> true;
        case "openai", "openai-compatible" -> false;
        default ->
            throw new ConfigurationException(
                "--provider must be openai or anthropic, but was '" + provider + "'");
      };
    }
    return isSet(env, AnthropicChatModel.ENV_API_KEY)
        && !isSet(env, OpenAiChatModel.ENV_API_KEY)
        && !isSet(env, OpenAiChatModel.ENV_BASE_URL);
  }

  /** The Anthropic model from {@code env}, with {@code --model} and {@code --price} applied. */
  static ChatModel model(
      Map<String, String> env, String model, List<Double> price, Double maxCost, PrintStream err) {
    Map<String, String> effective = new HashMap<>(env);
    if (model != null && !model.isBlank()) {
      effective.put(AnthropicChatModel.ENV_MODEL, model);
    } else if (!isSet(env, AnthropicChatModel.ENV_MODEL)) {
      effective.put(AnthropicChatModel.ENV_MODEL, DEFAULT_MODEL);
      err.println(
          "note: using model " + DEFAULT_MODEL + "; set RESEARCHER_MODEL or --model to choose");
    }
    AnthropicChatModel chatModel = AnthropicChatModel.fromEnv(effective);
    if (price != null) {
      if (price.size() != 2) {
        throw new IllegalArgumentException("--price takes two numbers, IN,OUT, but got " + price);
      }
      return chatModel.toBuilder()
          .prices(
              PriceTable.of(chatModel.info().model(), ModelPrice.of(price.get(0), price.get(1))))
          .build();
    }
    if (maxCost != null) {
      throw new ConfigurationException(
          "--max-cost needs the model's price: add --price IN,OUT (USD per million input and"
              + " output tokens)");
    }
    return chatModel;
  }

  private static boolean isSet(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }
}
