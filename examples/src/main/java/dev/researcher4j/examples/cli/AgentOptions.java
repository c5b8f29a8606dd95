package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.ModelPrice;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.model.PriceTable;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Options shared by the commands that run a research agent ({@code ask}, {@code eval}, {@code
 * resume}): the model, the budget, planning, verification, the search provider.
 */
final class AgentOptions {

  @Option(
      names = "--provider",
      paramLabel = "NAME",
      description =
          "openai (any OpenAI-compatible server) or anthropic (default: anthropic when only"
              + " ANTHROPIC_API_KEY is set, else openai).")
  String provider;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "Model name (default: $RESEARCHER_MODEL).")
  String model;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "Most model calls (default: ${DEFAULT-VALUE}).")
  long maxSteps = Budget.DEFAULT_MAX_STEPS;

  @Option(
      names = "--max-tool-calls",
      paramLabel = "N",
      description = "Most tool calls (default: ${DEFAULT-VALUE}).")
  long maxToolCalls = Budget.DEFAULT_MAX_TOOL_CALLS;

  @Option(
      names = "--max-tokens",
      paramLabel = "N",
      description = "Most tokens, input and output together (default: none).")
  Long maxTokens;

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      description = "Most money in US dollars (needs --price or a known price; default: none).")
  Double maxCost;

  @Option(
      names = "--max-time",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Most wall time, e.g. 90s, 10m, 1h (default: 30m).")
  Duration maxTime = Budget.DEFAULT_MAX_TIME;

  @Option(
      names = "--price",
      paramLabel = "IN,OUT",
      split = ",",
      description = "The model's price in USD per million input and output tokens, e.g. 0.15,0.60.")
  List<Double> price;

  @Option(
      names = "--model-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Most time one model call may take, each retry anew (default: 10m).")
  Duration modelTimeout = OpenAiChatModel.DEFAULT_CALL_TIMEOUT;

  @Option(names = "--no-plan", description = "Skip the planning step.")
  boolean noPlan;

  @Option(names = "--no-verify", description = "Skip verifying claims against their sources.")
  boolean noVerify;

  @Option(
      names = "--search-provider",
      paramLabel = "NAME",
      description =
          "tavily, brave, serper, searxng or duckduckgo (default: chosen from the keys set).")
  String searchProvider;

  /** The model used with OpenAI's own API when neither --model nor RESEARCHER_MODEL names one. */
  static final String DEFAULT_OPENAI_MODEL = "gpt-4o-mini";

  /**
   * The chat model from the environment, with {@code --model} and {@code --price} applied. When no
   * model is named: a local server ({@code OPENAI_BASE_URL}) is asked which models it serves and
   * the first is used; with only {@code OPENAI_API_KEY}, {@value #DEFAULT_OPENAI_MODEL}. Either way
   * a note says so on {@code err}.
   */
  ChatModel chatModel(Map<String, String> env, java.io.PrintStream err) {
    if (AnthropicProvider.chosen(provider, env)) {
      return AnthropicProvider.model(env, model, price, maxCost, err);
    }
    if (!isBlank(env.get(OpenAiChatModel.ENV_BASE_URL))
        || !isBlank(env.get(OpenAiChatModel.ENV_API_KEY))) {
      ModelServer.requireReachable(baseUrl(env));
    }
    Map<String, String> effective = new HashMap<>(env);
    if (model != null && !model.isBlank()) {
      effective.put(OpenAiChatModel.ENV_MODEL, model);
    } else if (isBlank(env.get(OpenAiChatModel.ENV_MODEL))) {
      String chosen = defaultModel(env, err);
      if (chosen != null) {
        effective.put(OpenAiChatModel.ENV_MODEL, chosen);
      }
    }
    if (modelTimeout.isNegative() || modelTimeout.isZero()) {
      throw new IllegalArgumentException(
          "--model-timeout must be positive, but was " + modelTimeout);
    }
    OpenAiChatModel chatModel =
        OpenAiChatModel.fromEnv(effective).toBuilder()
            .callTimeout(modelTimeout)
            .readTimeout(
                modelTimeout.compareTo(OpenAiChatModel.DEFAULT_READ_TIMEOUT) < 0
                    ? modelTimeout
                    : OpenAiChatModel.DEFAULT_READ_TIMEOUT)
            .build();
    if (price != null) {
      if (price.size() != 2) {
        throw new IllegalArgumentException("--price takes two numbers, IN,OUT, but got " + price);
      }
      String name = chatModel.info().model();
      chatModel =
          chatModel.toBuilder()
              .prices(PriceTable.of(name, ModelPrice.of(price.get(0), price.get(1))))
              .build();
    } else if (maxCost != null) {
      throw new ConfigurationException(
          "--max-cost needs the model's price: add --price IN,OUT (USD per million input and output tokens)");
    }
    return chatModel;
  }

  private static String defaultModel(Map<String, String> env, java.io.PrintStream err) {
    String base = env.get(OpenAiChatModel.ENV_BASE_URL);
    if (!isBlank(base)) {
      List<String> served;
      try {
        served = OpenAiChatModel.listModels(env);
      } catch (dev.researcher4j.api.ResearchException e) {
        throw new ConfigurationException(
            OpenAiChatModel.ENV_MODEL
                + " is not set, and the server at "
                + OpenAiChatModel.ENV_BASE_URL
                + " could not say which models it serves ("
                + e.getMessage()
                + "); set "
                + OpenAiChatModel.ENV_MODEL
                + " or pass --model");
      }
      if (served.isEmpty()) {
        return null; // fromEnv explains what to set
      }
      err.println(
          "note: using model "
              + served.get(0)
              + (served.size() > 1 ? " (first of " + served.size() + " served)" : "")
              + "; set RESEARCHER_MODEL or --model to choose");
      return served.get(0);
    }
    if (!isBlank(env.get(OpenAiChatModel.ENV_API_KEY))) {
      err.println(
          "note: using model "
              + DEFAULT_OPENAI_MODEL
              + "; set RESEARCHER_MODEL or --model to choose");
      return DEFAULT_OPENAI_MODEL;
    }
    throw new ConfigurationException(NO_MODEL);
  }

  /** What to set when nothing says which model to use or where. */
  static final String NO_MODEL =
      "no model configured. Set OPENAI_API_KEY to use OpenAI (model "
          + DEFAULT_OPENAI_MODEL
          + " unless RESEARCHER_MODEL names another), or point OPENAI_BASE_URL at a local"
          + " OpenAI-compatible server, e.g. OPENAI_BASE_URL=http://localhost:11434/v1 for Ollama"
          + " (vLLM: http://localhost:8000/v1, llama.cpp server: http://localhost:8080/v1); its"
          + " model is read from the server unless RESEARCHER_MODEL names one. Other providers:"
          + " OPENAI_BASE_URL=https://api.deepseek.com/v1 or https://api.moonshot.ai/v1 with"
          + " OPENAI_API_KEY and RESEARCHER_MODEL.";

  /** The model server's address: {@code OPENAI_BASE_URL}, or OpenAI's. */
  static String baseUrl(Map<String, String> env) {
    String base = env.get(OpenAiChatModel.ENV_BASE_URL);
    return isBlank(base) ? OpenAiChatModel.DEFAULT_BASE_URL : base.strip();
  }

  /** What shows the run's progress on standard error, knowing the price and the model timeout. */
  ProgressPrinter progress(CliContext context) {
    return new ProgressPrinter(
        context.err(),
        context.terminal(),
        context.clock(),
        price != null,
        modelTimeout,
        baseUrl(context.env()));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** The budget the options describe. */
  Budget budget() {
    atLeastOne("--max-steps", maxSteps);
    atLeastOne("--max-tool-calls", maxToolCalls);
    if (maxTokens != null) {
      atLeastOne("--max-tokens", maxTokens);
    }
    if (maxCost != null && !(maxCost > 0)) {
      throw new IllegalArgumentException("--max-cost must be more than 0, but was " + maxCost);
    }
    if (maxTime.isZero() || maxTime.isNegative()) {
      throw new IllegalArgumentException("--max-time must be positive, but was " + maxTime);
    }
    Budget.Builder budget =
        Budget.builder().maxSteps(maxSteps).maxToolCalls(maxToolCalls).maxTime(maxTime);
    if (maxTokens != null) {
      // One total is easier to reason about on a command line; split it as an input-heavy run does.
      budget
          .maxInputTokens(Math.max(1, maxTokens * 9 / 10))
          .maxOutputTokens(Math.max(1, maxTokens / 10));
    }
    if (maxCost != null) {
      budget.maxCostUsd(maxCost);
    }
    return budget.build();
  }

  private static void atLeastOne(String option, long value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, but was " + value);
    }
  }

  /**
   * The values of environment variables that hold credentials (names with KEY, TOKEN, SECRET or
   * PASSWORD): masked in everything a run records, even when a model or a page echoes them.
   */
  static String[] secrets(Map<String, String> env) {
    return env.entrySet().stream()
        .filter(e -> SECRET_NAME.matcher(e.getKey()).find())
        .map(Map.Entry::getValue)
        .filter(v -> v != null && v.strip().length() >= 6)
        .map(String::strip)
        .toArray(String[]::new);
  }

  private static final java.util.regex.Pattern SECRET_NAME =
      java.util.regex.Pattern.compile("(?i)(KEY|TOKEN|SECRET|PASSWORD)");

  /** An agent builder with the model, tools, budget, planning and verification set. */
  ResearchAgent.Builder agent(CliContext context) {
    return agent(context, chatModel(context.env(), context.err()));
  }

  /** As {@link #agent(CliContext)}, with {@code model} (made once and shared, say). */
  ResearchAgent.Builder agent(CliContext context, ChatModel model) {
    Budget budget = budget();
    return ResearchAgent.builder()
        .chatModel(model)
        .tools(StandardTools.create(context.env(), searchProvider))
        .budget(budget)
        .secrets(secrets(context.env()))
        .planning(!noPlan)
        .verification(noVerify ? VerificationPolicy.disabled() : VerificationPolicy.ofDefaults())
        .clock(context.clock());
  }

  /** Reads durations written as 90s, 10m, 2h, 500ms or ISO-8601 (PT10M). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String text = value.strip().toLowerCase(Locale.ROOT);
      try {
        if (text.startsWith("pt") || text.startsWith("p")) {
          return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        }
        if (text.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
          case 's' -> Duration.ofSeconds(amount);
          case 'm' -> Duration.ofMinutes(amount);
          case 'h' -> Duration.ofHours(amount);
          default -> throw new NumberFormatException();
        };
      } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration; write e.g. 90s, 10m, 1h or PT10M");
      }
    }
  }
}
