package dev.researcher4j.spring.boot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.tool.ToolMethod;
import dev.researcher4j.core.tool.ToolParam;
import dev.researcher4j.model.anthropic.AnthropicChatModel;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ResearcherAutoConfigurationTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "sk-test-starter-0123456789abcdef";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ResearcherAutoConfiguration.class));

  private static final String[] NO_BUILT_IN_TOOLS = {
    "researcher4j.tools.web.enabled=false", "researcher4j.tools.scholar.enabled=false"
  };

  /** For runs against the instant model, which answers every call the same way. */
  private static final String[] ACT_ONLY = {
    "researcher4j.agent.planning=false", "researcher4j.agent.verification=false"
  };

  /** A bean whose annotated methods become tools. */
  static class Glossary {
    @ToolMethod("Looks a term up in the team glossary.")
    public String lookupTerm(@ToolParam("the term") String term) {
      return term + ": a term of art";
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class GlossaryConfig {
    @Bean
    Glossary glossary() {
      return new Glossary();
    }
  }

  /** A model that answers at once, so an agent run needs no server. */
  @Configuration(proxyBeanMethods = false)
  static class InstantModelConfig {
    @Bean
    ChatModel instantModel() {
      return request -> ChatResponse.of(Message.assistant("Answer: 4\n\nTwo and two make four."));
    }
  }

  @Test
  void openAiPropertiesMakeTheModelAndAnAgentWithTheBudgetAndToolMethodBeans() {
    runner
        .withUserConfiguration(GlossaryConfig.class)
        .withPropertyValues(NO_BUILT_IN_TOOLS)
        .withPropertyValues(
            "researcher4j.openai.base-url=http://localhost:8000/v1",
            "researcher4j.openai.api-key=" + KEY,
            "researcher4j.openai.model=qwen3:8b",
            "researcher4j.openai.context-window=65536",
            "researcher4j.budget.max-steps=7",
            "researcher4j.budget.max-time=90s",
            "researcher4j.budget.max-cost-usd=0.5")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ChatModel model = context.getBean(ChatModel.class);
              assertThat(model).isInstanceOf(OpenAiChatModel.class);
              assertThat(model.info().model()).isEqualTo("qwen3:8b");
              assertThat(model.info().contextWindow()).isEqualTo(65536);
              assertThat(model.info().parameters())
                  .containsEntry("base_url", "http://localhost:8000/v1");
              assertThat(model.toString()).doesNotContain(KEY);
              ResearchAgent agent = context.getBean(ResearchAgent.class);
              assertThat(agent.budget().maxSteps()).isEqualTo(7);
              assertThat(agent.budget().maxTime()).isEqualTo(Duration.ofSeconds(90));
              assertThat(agent.budget().maxCostUsd()).isEqualTo(0.5);
              assertThat(agent.toolSpecs())
                  .extracting(ToolSpec::name)
                  .containsExactly("lookup_term");
            });
  }

  @Test
  void onlyAnAnthropicKeyChoosesAnthropic() {
    runner
        .withPropertyValues(NO_BUILT_IN_TOOLS)
        .withPropertyValues(
            "researcher4j.anthropic.api-key=" + KEY,
            "researcher4j.anthropic.model=claude-sonnet-4-5",
            "researcher4j.anthropic.thinking-budget=2048",
            "researcher4j.anthropic.prompt-caching=false")
        .run(
            context -> {
              ChatModel model = context.getBean(ChatModel.class);
              assertThat(model).isInstanceOf(AnthropicChatModel.class);
              assertThat(model.info().parameters())
                  .containsEntry("thinking_budget_tokens", 2048)
                  .containsEntry("prompt_caching", false);
            });
  }

  @Test
  void theWebAndScholarlyToolsAreOnUnlessSwitchedOff() {
    String[] model = {
      "researcher4j.openai.base-url=http://localhost:8000/v1", "researcher4j.openai.model=m"
    };
    runner
        .withPropertyValues(model)
        .run(
            context ->
                assertThat(context.getBean(ResearchAgent.class).toolSpecs())
                    .extracting(ToolSpec::name)
                    .contains("web_search", "read_page", "find_in_page", "search_papers"));
    runner
        .withPropertyValues(model)
        .withPropertyValues("researcher4j.tools.scholar.enabled=false")
        .run(
            context -> {
              assertThat(context).doesNotHaveBean("researcherScholarTools");
              assertThat(context.getBean(ResearchAgent.class).toolSpecs())
                  .extracting(ToolSpec::name)
                  .contains("web_search")
                  .doesNotContain("search_papers");
            });
  }

  @Test
  void everyPieceBacksOffForTheApplicationsOwn() {
    runner
        .withUserConfiguration(InstantModelConfig.class)
        .withPropertyValues(NO_BUILT_IN_TOOLS)
        .withPropertyValues(ACT_ONLY)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ChatModel.class);
              assertThat(context).hasBean("instantModel");
              Trajectory run = context.getBean(ResearchAgent.class).run(Task.of("2 + 2?"));
              assertThat(run.requireOutcome().stopReason()).isEqualTo(StopReason.COMPLETED);
            });
    runner
        .withUserConfiguration(InstantModelConfig.class)
        .withBean(
            "researchAgent",
            ResearchAgent.class,
            () ->
                ResearchAgent.builder()
                    .chatModel(r -> ChatResponse.of(Message.assistant("x")))
                    .build())
        .withBean("researcherWebTools", ToolGroup.class, () -> new ToolGroup("mine", List.of()))
        .run(
            context -> {
              assertThat(context).hasSingleBean(ResearchAgent.class);
              assertThat(context.getBean("researcherWebTools", ToolGroup.class).name())
                  .isEqualTo("mine");
            });
  }

  @Test
  void missingModelConfigurationFailsStartupNamingTheProperties() {
    runner.run(
        context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure())
              .rootCause()
              .isInstanceOf(ConfigurationException.class)
              .hasMessageContaining("researcher4j.openai.api-key")
              .hasMessageContaining("researcher4j.anthropic.api-key");
        });
    runner
        .withPropertyValues("researcher4j.provider=gemini")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining(
                        "researcher4j.provider must be openai or anthropic, but was 'gemini'"));
  }

  @Test
  void twoToolsWithOneNameFailStartup() {
    runner
        .withUserConfiguration(InstantModelConfig.class, GlossaryConfig.class)
        .withPropertyValues(NO_BUILT_IN_TOOLS)
        .withBean("second", Glossary.class, Glossary::new)
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("two tools are named 'lookup_term'"));
  }

  @Test
  void healthReportsTheModelEndpointUpOrDownWithoutTheKey() {
    server.stubFor(
        get("/v1/models")
            .willReturn(
                okJson(
                    "{\"object\":\"list\",\"data\":[{\"id\":\"qwen3:8b\",\"object\":\"model\",\"created\":1764400000,\"owned_by\":\"library\"}]}")));
    ApplicationContextRunner configured =
        runner
            .withPropertyValues(NO_BUILT_IN_TOOLS)
            .withPropertyValues(
                "researcher4j.openai.base-url=" + server.baseUrl() + "/v1",
                "researcher4j.openai.api-key=" + KEY,
                "researcher4j.openai.model=qwen3:8b");

    configured.run(
        context -> {
          Health health = context.getBean(ModelEndpointHealthIndicator.class).health(true);
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails())
              .containsEntry("modelListed", true)
              .containsEntry("modelsServed", 1)
              .containsEntry("provider", "openai-compatible");
        });

    server.resetAll();
    server.stubFor(
        get("/v1/models")
            .willReturn(
                aResponse()
                    .withStatus(401)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"error\":{\"message\":\"Incorrect API key provided: "
                            + KEY
                            + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")));
    configured.run(
        context -> {
          Health health = context.getBean(ModelEndpointHealthIndicator.class).health(true);
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsEntry("status", 401);
          assertThat(health.getDetails().toString())
              .contains("credentials rejected")
              .doesNotContain(KEY);
        });
    configured
        .withPropertyValues("management.health.researcher4j.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(ModelEndpointHealthIndicator.class));
    configured
        .withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ModelEndpointHealthIndicator.class);
            });
  }

  @Test
  void anOpenTelemetryBeanTracesTheRuns() {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(spans))
                    .build())
            .build();
    runner
        .withUserConfiguration(InstantModelConfig.class)
        .withPropertyValues(NO_BUILT_IN_TOOLS)
        .withPropertyValues(ACT_ONLY)
        .withBean(OpenTelemetry.class, () -> sdk)
        .run(
            context -> {
              context.getBean(ResearchAgent.class).run(Task.of("2 + 2?"));
              assertThat(spans.getFinishedSpanItems())
                  .extracting(s -> s.getName())
                  .contains("invoke_agent researcher4j");
            });
    spans.reset();
    runner
        .withUserConfiguration(InstantModelConfig.class)
        .withPropertyValues(NO_BUILT_IN_TOOLS)
        .withPropertyValues(ACT_ONLY)
        .withPropertyValues("researcher4j.otel.enabled=false")
        .withBean(OpenTelemetry.class, () -> sdk)
        .run(
            context -> {
              context.getBean(ResearchAgent.class).run(Task.of("2 + 2?"));
              assertThat(spans.getFinishedSpanItems()).isEmpty();
            });
  }

  @Test
  void configurationMetadataDescribesEveryPropertyForIdeCompletion() throws Exception {
    JsonNode metadata;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new ObjectMapper().readTree(in);
    }
    Map<String, JsonNode> byName = new java.util.HashMap<>();
    metadata.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));

    assertThat(byName)
        .containsKeys(
            "researcher4j.provider",
            "researcher4j.openai.base-url",
            "researcher4j.openai.api-key",
            "researcher4j.openai.model",
            "researcher4j.anthropic.api-key",
            "researcher4j.anthropic.thinking-budget",
            "researcher4j.budget.max-steps",
            "researcher4j.tools.web.enabled",
            "researcher4j.otel.capture-content");
    assertThat(byName.values())
        .allSatisfy(p -> assertThat(p.path("description").asText()).isNotBlank());
    assertThat(byName.get("researcher4j.tools.web.enabled").path("defaultValue").asBoolean())
        .isTrue();
  }
}
