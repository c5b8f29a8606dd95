package dev.researcher4j.spring.boot;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Tool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.tools.scholar.FullText;
import dev.researcher4j.tools.scholar.ScholarSearch;
import dev.researcher4j.tools.scholar.ScholarTools;
import dev.researcher4j.tools.web.guard.UrlGuard;
import dev.researcher4j.tools.web.read.FindInPageTool;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import dev.researcher4j.tools.web.read.WebDocument;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchConfig;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures researcher4j from {@code researcher4j.*} properties ({@link
 * ResearcherProperties}): a {@link ChatModel} (OpenAI-compatible or Anthropic), the web and
 * scholarly tools (each group switched by a property), an OpenTelemetry listener when an {@code
 * OpenTelemetry} bean and agent-otel are present, Actuator health of the model endpoint when
 * Actuator is present, and a {@link ResearchAgent} with the budget from properties that gets every
 * {@link Tool} bean, every {@link ToolGroup} bean, every bean method annotated with {@code
 * ToolMethod}, and every {@link AgentListener} bean. Each bean backs off when the application
 * defines its own of the same type (or name, for the tool groups and the health indicator).
 *
 * <p>Keys the tools read (search provider keys such as {@code TAVILY_API_KEY}, {@code SEARXNG_URL},
 * {@code RESEARCHER_CONTACT_EMAIL}, {@code RESEARCHER_ALLOW_HOSTS}) are looked up in the Spring
 * environment, so they may be environment variables or application properties.
 */
@AutoConfiguration
@EnableConfigurationProperties(ResearcherProperties.class)
public class ResearcherAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ResearcherAutoConfiguration.class);

  /** The variables the web and scholarly tools read, looked up in the Spring environment. */
  private static final List<String> TOOL_VARIABLES =
      List.of(
          "TAVILY_API_KEY",
          "BRAVE_API_KEY",
          "SERPER_API_KEY",
          "SEARXNG_URL",
          "SEMANTIC_SCHOLAR_API_KEY",
          "RESEARCHER_CONTACT_EMAIL",
          UrlGuard.ALLOW_HOSTS_ENV,
          ScholarSearch.ARXIV_URL_ENV,
          ScholarSearch.SEMANTIC_SCHOLAR_URL_ENV,
          ScholarSearch.OPENALEX_URL_ENV,
          ScholarSearch.CROSSREF_URL_ENV,
          ScholarSearch.PUBMED_URL_ENV);

  /** The chat model the properties describe; fails startup with the property to set. */
  @Bean
  @ConditionalOnMissingBean
  public ChatModel researcherChatModel(ResearcherProperties properties) {
    return ChatModels.create(properties);
  }

  /** The page reader shared by the web and scholarly tools. */
  @Bean
  @ConditionalOnMissingBean
  public PageReader researcherPageReader(Environment environment) {
    return PageReader.builder().guard(UrlGuard.fromEnv(toolEnv(environment))).build();
  }

  /** web_search, read_page and find_in_page. */
  @Bean
  @ConditionalOnMissingBean(name = "researcherWebTools")
  @ConditionalOnProperty(
      prefix = "researcher4j.tools.web",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public ToolGroup researcherWebTools(
      ResearcherProperties properties, Environment environment, PageReader reader) {
    Map<String, String> env = toolEnv(environment);
    String provider = properties.getTools().getWeb().getSearchProvider();
    WebSearchConfig search =
        (provider == null || provider.isBlank()
                ? WebSearchConfig.fromEnvironment(env)
                : WebSearchConfig.forProvider(provider, env))
            .build();
    return new ToolGroup(
        "web",
        List.of(
            WebSearchTool.of(WebSearch.create(search)),
            ReadPageTool.of(reader),
            FindInPageTool.of(reader)));
  }

  /** The scholarly tools, reading open-access full texts through the page reader. */
  @Bean
  @ConditionalOnMissingBean(name = "researcherScholarTools")
  @ConditionalOnProperty(
      prefix = "researcher4j.tools.scholar",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public ToolGroup researcherScholarTools(Environment environment, PageReader reader) {
    return new ToolGroup(
        "scholar",
        ScholarTools.create(
            ScholarSearch.fromEnv(toolEnv(environment)),
            url -> {
              WebDocument document = reader.read(url);
              return document.text().isBlank()
                  ? Optional.empty()
                  : Optional.of(new FullText(document.url(), document.title(), document.text()));
            }));
  }

  /** The research agent: the model, every tool, every listener, the budget from properties. */
  @Bean
  @ConditionalOnMissingBean
  public ResearchAgent researchAgent(
      ChatModel chatModel,
      ResearcherProperties properties,
      ObjectProvider<Tool> tools,
      ObjectProvider<ToolGroup> groups,
      ObjectProvider<AgentListener> listeners,
      ConfigurableListableBeanFactory beanFactory) {
    Map<String, Tool> byName = new LinkedHashMap<>();
    List<Tool> all = new ArrayList<>();
    groups.orderedStream().forEach(group -> all.addAll(group.tools()));
    tools.orderedStream().forEach(all::add);
    all.addAll(ToolMethodBeans.find(beanFactory));
    for (Tool tool : all) {
      Tool earlier = byName.putIfAbsent(tool.spec().name(), tool);
      if (earlier != null && earlier != tool) {
        throw new IllegalStateException(
            "two tools are named '"
                + tool.spec().name()
                + "' ("
                + earlier
                + " and "
                + tool
                + "); rename one, or switch off the tool group that has the other");
      }
    }
    ResearcherProperties.Agent agent = properties.getAgent();
    ResearchAgent.Builder builder =
        ResearchAgent.builder()
            .chatModel(chatModel)
            .tools(byName.values())
            .budget(budget(properties.getBudget()))
            .planning(agent.isPlanning())
            .verification(
                agent.isVerification()
                    ? VerificationPolicy.ofDefaults()
                    : VerificationPolicy.disabled());
    if (agent.getMaxParallelToolCalls() != null) {
      builder.maxParallelToolCalls(agent.getMaxParallelToolCalls());
    }
    List<AgentListener> all2 = listeners.orderedStream().toList();
    all2.forEach(builder::listener);
    if (OtelSupport.available(getClass().getClassLoader())) {
      OtelSupport.listener(beanFactory, properties, all2).ifPresent(builder::listener);
    }
    LOG.info(
        "researcher4j: agent with model {} ({}) and tools {}",
        chatModel.info().model(),
        chatModel.info().provider(),
        byName.keySet());
    return builder.build();
  }

  static Budget budget(ResearcherProperties.BudgetLimits limits) {
    Budget.Builder budget =
        Budget.builder()
            .maxSteps(limits.getMaxSteps())
            .maxToolCalls(limits.getMaxToolCalls())
            .maxTime(limits.getMaxTime());
    if (limits.getMaxInputTokens() != null) {
      budget.maxInputTokens(limits.getMaxInputTokens());
    }
    if (limits.getMaxOutputTokens() != null) {
      budget.maxOutputTokens(limits.getMaxOutputTokens());
    }
    if (limits.getMaxCostUsd() != null) {
      budget.maxCostUsd(limits.getMaxCostUsd());
    }
    return budget.build();
  }

  private static Map<String, String> toolEnv(Environment environment) {
    Map<String, String> env = new HashMap<>();
    for (String name : TOOL_VARIABLES) {
      String value = environment.getProperty(name);
      if (value != null && !value.isBlank()) {
        env.put(name, value);
      }
    }
    return env;
  }

  /**
   * Actuator health of the model endpoint, on unless {@code management.health.researcher4j.enabled}
   * is false. (A plain property condition rather than Boot's health-indicator condition, whose
   * classes must not be needed when Actuator is absent.)
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(
      prefix = "management.health.researcher4j",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class HealthConfiguration {

    /** Reports the model endpoint as {@code researcher4j} in {@code /actuator/health}. */
    @Bean
    @ConditionalOnMissingBean(name = "researcher4jHealthIndicator")
    ModelEndpointHealthIndicator researcher4jHealthIndicator(
        ChatModel chatModel, ResearcherProperties properties) {
      return new ModelEndpointHealthIndicator(chatModel, properties);
    }
  }
}
