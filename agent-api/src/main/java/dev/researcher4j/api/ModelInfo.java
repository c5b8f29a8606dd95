package dev.researcher4j.api;

import java.util.Map;

/**
 * Describes a chat model for trajectories and context management.
 *
 * @param provider who serves it (e.g. {@code openai-compatible}); free text
 * @param model the model name sent to the provider
 * @param contextWindow the context window in tokens; {@value #DEFAULT_CONTEXT_WINDOW} when unknown
 * @param parameters sampling parameters and other settings worth recording (temperature, top_p,
 *     base URL, …); values are strings, numbers, booleans or lists of them; never secrets
 */
public record ModelInfo(
    String provider, String model, int contextWindow, Map<String, Object> parameters) {

  /** The context window assumed when the model does not say. */
  public static final int DEFAULT_CONTEXT_WINDOW = 32_768;

  /** Checks the fields. */
  public ModelInfo {
    provider = Checks.text(provider);
    model = Checks.text(model);
    Checks.positive(contextWindow, "contextWindow");
    parameters = Checks.map(parameters);
  }

  /** A model with the default context window and no recorded parameters. */
  public static ModelInfo of(String provider, String model) {
    return new ModelInfo(provider, model, DEFAULT_CONTEXT_WINDOW, Map.of());
  }
}
