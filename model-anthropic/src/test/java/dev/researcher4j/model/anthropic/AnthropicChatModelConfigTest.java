package dev.researcher4j.model.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.ModelInfo;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicChatModelConfigTest {

  private static final String KEY = "sk-ant-api03-secret0123456789";

  @Test
  void theEndpointIsTheBaseUrlWithV1MessagesAddedOnce() {
    assertThat(AnthropicSettings.endpointFor("https://api.anthropic.com").toString())
        .isEqualTo("https://api.anthropic.com/v1/messages");
    assertThat(AnthropicSettings.endpointFor("http://localhost:8080/v1/").toString())
        .isEqualTo("http://localhost:8080/v1/messages");
    assertThat(AnthropicSettings.endpointFor("http://gw.local/anthropic/v1/messages").toString())
        .isEqualTo("http://gw.local/anthropic/v1/messages");
    assertThat(AnthropicSettings.endpointFor("http://gw.local/anthropic").toString())
        .isEqualTo("http://gw.local/anthropic/v1/messages");
  }

  @Test
  void fromEnvNamesEveryMissingVariable() {
    assertThatThrownBy(() -> AnthropicChatModel.fromEnv(Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("RESEARCHER_MODEL is not set")
        .hasMessageContaining("ANTHROPIC_API_KEY is not set");
    assertThatThrownBy(
            () ->
                AnthropicChatModel.fromEnv(
                    Map.of("ANTHROPIC_BASE_URL", "not a url?key=" + KEY, "RESEARCHER_MODEL", "m")))
        .hasMessageContaining("ANTHROPIC_BASE_URL must be an http or https URL")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void fromEnvReadsKeyBaseUrlAndModel() {
    AnthropicChatModel model =
        AnthropicChatModel.fromEnv(
            Map.of(
                "ANTHROPIC_API_KEY", KEY,
                "ANTHROPIC_BASE_URL", "http://localhost:9999",
                "RESEARCHER_MODEL", "claude-haiku-4-5"));

    ModelInfo info = model.info();
    assertThat(info.provider()).isEqualTo("anthropic");
    assertThat(info.model()).isEqualTo("claude-haiku-4-5");
    assertThat(info.contextWindow()).isEqualTo(200_000);
    assertThat(info.parameters())
        .containsEntry("base_url", "http://localhost:9999/")
        .containsEntry("max_tokens", 8192)
        .containsEntry("prompt_caching", true);
    assertThat(info.toString() + model).doesNotContain(KEY);
    assertThat(model.toString()).contains("apiKey=(set)");
  }

  @Test
  void buildersRejectBadValuesNamingThem() {
    AnthropicChatModel.Builder builder = AnthropicChatModel.builder();

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("model is required");
    assertThatThrownBy(() -> builder.thinkingBudget(500))
        .hasMessageContaining("at least 1024, but was 500");
    assertThatThrownBy(() -> builder.temperature(1.5))
        .hasMessageContaining("[0, 1] for Anthropic's API, but was 1.5");
    assertThatThrownBy(() -> builder.extraParameter("stream", true))
        .hasMessageContaining("'stream' is set by the client itself");
    assertThatThrownBy(() -> builder.baseUrl("ftp:/nowhere"))
        .hasMessageContaining("but was 'ftp:/nowhere'");
    assertThatThrownBy(() -> builder.header("x-api-key", KEY + "\n")).hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> builder.model("m").thinkingBudget(8192).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("thinkingBudget must be less than max_tokens (8192), but was 8192");
  }

  @Test
  void toBuilderKeepsTheConfigurationAndBuildsAnEqualModel() {
    AnthropicChatModel model =
        AnthropicChatModel.builder().apiKey(KEY).model("m").thinkingBudget(2048).build();

    AnthropicChatModel copy = model.toBuilder().promptCaching(false).build();

    assertThat(copy.info().parameters())
        .containsEntry("thinking_budget_tokens", 2048)
        .containsEntry("prompt_caching", false);
    assertThat(model.info().parameters()).containsEntry("prompt_caching", true);
  }
}
