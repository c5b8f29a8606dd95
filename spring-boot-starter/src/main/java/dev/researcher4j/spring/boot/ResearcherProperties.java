package dev.researcher4j.spring.boot;

import dev.researcher4j.api.Budget;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code researcher4j.*} configuration properties. Mutable JavaBean bound by Spring at startup;
 * not meant to be changed afterwards.
 */
@ConfigurationProperties("researcher4j")
public class ResearcherProperties {

  /**
   * Which model API to call: "openai" (any OpenAI-compatible server) or "anthropic". Unset:
   * anthropic when only researcher4j.anthropic.api-key is set, else openai.
   */
  private String provider;

  private final OpenAi openai = new OpenAi();
  private final Anthropic anthropic = new Anthropic();
  private final Agent agent = new Agent();
  private final BudgetLimits budget = new BudgetLimits();
  private final Tools tools = new Tools();
  private final Otel otel = new Otel();

  public String getProvider() {
    return provider;
  }

  public void setProvider(String provider) {
    this.provider = provider;
  }

  public OpenAi getOpenai() {
    return openai;
  }

  public Anthropic getAnthropic() {
    return anthropic;
  }

  public Agent getAgent() {
    return agent;
  }

  public BudgetLimits getBudget() {
    return budget;
  }

  public Tools getTools() {
    return tools;
  }

  public Otel getOtel() {
    return otel;
  }

  /** An OpenAI-compatible Chat Completions endpoint. */
  public static class OpenAi {
    /** Base URL of the server, e.g. http://localhost:11434/v1 for Ollama; default OpenAI's API. */
    private String baseUrl;

    /** API key, sent as a bearer token; none for local servers. */
    private String apiKey;

    /** Model name, e.g. gpt-4o-mini or qwen3:8b. Required with this provider. */
    private String model;

    /** Sampling temperature in [0, 2]; default the server's. */
    private Double temperature;

    /** Most completion tokens per call; default the server's. */
    private Integer maxTokens;

    /** The model's context window in tokens, for context management. */
    private Integer contextWindow;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public String getModel() {
      return model;
    }

    public void setModel(String model) {
      this.model = model;
    }

    public Double getTemperature() {
      return temperature;
    }

    public void setTemperature(Double temperature) {
      this.temperature = temperature;
    }

    public Integer getMaxTokens() {
      return maxTokens;
    }

    public void setMaxTokens(Integer maxTokens) {
      this.maxTokens = maxTokens;
    }

    public Integer getContextWindow() {
      return contextWindow;
    }

    public void setContextWindow(Integer contextWindow) {
      this.contextWindow = contextWindow;
    }
  }

  /** Anthropic's Messages API. */
  public static class Anthropic {
    /** Base URL of the API; default https://api.anthropic.com. */
    private String baseUrl;

    /** API key, sent as x-api-key. */
    private String apiKey;

    /** Model name, e.g. claude-sonnet-4-5. Required with this provider. */
    private String model;

    /** Most output tokens per call (the API requires a limit); default 8192. */
    private Integer maxTokens;

    /** Extended thinking budget in tokens (at least 1024); 0 turns thinking off. */
    private int thinkingBudget = 0;

    /** Whether to mark prompt-cache breakpoints on the system prompt, tools and conversation. */
    private boolean promptCaching = true;

    public String getBaseUrl() {
      return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
      this.baseUrl = baseUrl;
    }

    public String getApiKey() {
      return apiKey;
    }

    public void setApiKey(String apiKey) {
      this.apiKey = apiKey;
    }

    public String getModel() {
      return model;
    }

    public void setModel(String model) {
      this.model = model;
    }

    public Integer getMaxTokens() {
      return maxTokens;
    }

    public void setMaxTokens(Integer maxTokens) {
      this.maxTokens = maxTokens;
    }

    public int getThinkingBudget() {
      return thinkingBudget;
    }

    public void setThinkingBudget(int thinkingBudget) {
      this.thinkingBudget = thinkingBudget;
    }

    public boolean isPromptCaching() {
      return promptCaching;
    }

    public void setPromptCaching(boolean promptCaching) {
      this.promptCaching = promptCaching;
    }
  }

  /** How the agent researches. */
  public static class Agent {
    /** Whether the agent drafts a research plan first. */
    private boolean planning = true;

    /** Whether the draft answer's claims are checked against their sources. */
    private boolean verification = true;

    /** Most tool calls run at once; default the agent's. */
    private Integer maxParallelToolCalls;

    public boolean isPlanning() {
      return planning;
    }

    public void setPlanning(boolean planning) {
      this.planning = planning;
    }

    public boolean isVerification() {
      return verification;
    }

    public void setVerification(boolean verification) {
      this.verification = verification;
    }

    public Integer getMaxParallelToolCalls() {
      return maxParallelToolCalls;
    }

    public void setMaxParallelToolCalls(Integer maxParallelToolCalls) {
      this.maxParallelToolCalls = maxParallelToolCalls;
    }
  }

  /** The limits of each run. */
  public static class BudgetLimits {
    /** Most model calls per run; default 50. */
    private long maxSteps = Budget.DEFAULT_MAX_STEPS;

    /** Most tool calls per run; default 200. */
    private long maxToolCalls = Budget.DEFAULT_MAX_TOOL_CALLS;

    /** Most input tokens per run; default none. */
    private Long maxInputTokens;

    /** Most output tokens per run; default none. */
    private Long maxOutputTokens;

    /** Most money per run in US dollars (needs model prices); default none. */
    private Double maxCostUsd;

    /** Most wall time per run, e.g. 10m; default 30 minutes. */
    private Duration maxTime = Budget.DEFAULT_MAX_TIME;

    public long getMaxSteps() {
      return maxSteps;
    }

    public void setMaxSteps(long maxSteps) {
      this.maxSteps = maxSteps;
    }

    public long getMaxToolCalls() {
      return maxToolCalls;
    }

    public void setMaxToolCalls(long maxToolCalls) {
      this.maxToolCalls = maxToolCalls;
    }

    public Long getMaxInputTokens() {
      return maxInputTokens;
    }

    public void setMaxInputTokens(Long maxInputTokens) {
      this.maxInputTokens = maxInputTokens;
    }

    public Long getMaxOutputTokens() {
      return maxOutputTokens;
    }

    public void setMaxOutputTokens(Long maxOutputTokens) {
      this.maxOutputTokens = maxOutputTokens;
    }

    public Double getMaxCostUsd() {
      return maxCostUsd;
    }

    public void setMaxCostUsd(Double maxCostUsd) {
      this.maxCostUsd = maxCostUsd;
    }

    public Duration getMaxTime() {
      return maxTime;
    }

    public void setMaxTime(Duration maxTime) {
      this.maxTime = maxTime;
    }
  }

  /** The built-in tools. */
  public static class Tools {
    private final Web web = new Web();
    private final Scholar scholar = new Scholar();

    public Web getWeb() {
      return web;
    }

    public Scholar getScholar() {
      return scholar;
    }
  }

  /** Web search and the page reader. */
  public static class Web {
    /** Whether the agent gets web_search, read_page and find_in_page. */
    private boolean enabled = true;

    /**
     * Search provider: tavily, brave, serper, searxng or duckduckgo; default chosen from the keys
     * set (TAVILY_API_KEY, BRAVE_API_KEY, SERPER_API_KEY, SEARXNG_URL; none: duckduckgo).
     */
    private String searchProvider;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getSearchProvider() {
      return searchProvider;
    }

    public void setSearchProvider(String searchProvider) {
      this.searchProvider = searchProvider;
    }
  }

  /** The scholarly tools (arXiv, Semantic Scholar, OpenAlex, Crossref, PubMed). */
  public static class Scholar {
    /** Whether the agent gets the paper search, lookup and citation tools. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** OpenTelemetry, used when agent-otel is on the class path and an OpenTelemetry bean exists. */
  public static class Otel {
    /** Whether runs are traced and measured. */
    private boolean enabled = true;

    /** Whether prompts, answers and tool results are recorded (scrubbed of secrets). */
    private boolean captureContent = false;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isCaptureContent() {
      return captureContent;
    }

    public void setCaptureContent(boolean captureContent) {
      this.captureContent = captureContent;
    }
  }
}
