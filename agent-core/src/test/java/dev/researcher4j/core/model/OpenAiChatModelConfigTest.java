package dev.researcher4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.ModelInfo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiChatModelConfigTest {

  private static final String KEY = "sk-test-0123456789abcdefXYZ";

  @Test
  void theModelIsRequired() {
    assertThatThrownBy(() -> OpenAiChatModel.builder().build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("model is required, but was not set")
        .hasMessageContaining("RESEARCHER_MODEL");
  }

  @Test
  void theEndpointIsTheBaseUrlPlusChatCompletions() {
    assertThat(endpoint("https://api.openai.com/v1"))
        .isEqualTo("https://api.openai.com/v1/chat/completions");
    assertThat(endpoint("http://localhost:8000/v1/"))
        .isEqualTo("http://localhost:8000/v1/chat/completions");
    assertThat(endpoint("https://openrouter.ai/api/v1"))
        .isEqualTo("https://openrouter.ai/api/v1/chat/completions");
    assertThat(endpoint("https://api.moonshot.ai/v1/chat/completions"))
        .isEqualTo("https://api.moonshot.ai/v1/chat/completions");
  }

  @Test
  void aBaseUrlWithoutAPathGetsV1() {
    assertThat(endpoint("http://localhost:11434"))
        .isEqualTo("http://localhost:11434/v1/chat/completions");
    assertThat(endpoint("https://api.deepseek.com/"))
        .isEqualTo("https://api.deepseek.com/v1/chat/completions");
  }

  @Test
  void queryParametersOfTheBaseUrlAreKept() {
    assertThat(
            endpoint(
                "https://example.openai.azure.com/openai/deployments/gpt4?api-version=2024-10-21"))
        .isEqualTo(
            "https://example.openai.azure.com/openai/deployments/gpt4/chat/completions"
                + "?api-version=2024-10-21");
  }

  @Test
  void aBaseUrlThatIsNotAUrlIsRejectedAtOnce() {
    assertThatThrownBy(() -> OpenAiChatModel.builder().baseUrl("localhost:11434"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("baseUrl must be an http or https URL, but was 'localhost:11434'");
  }

  @Test
  void settersRejectBadValuesNamingThem() {
    OpenAiChatModel.Builder b = OpenAiChatModel.builder();
    assertThatThrownBy(() -> b.temperature(3))
        .hasMessage("temperature must be in [0, 2], but was 3.0");
    assertThatThrownBy(() -> b.topP(0)).hasMessage("topP must be in (0, 1], but was 0.0");
    assertThatThrownBy(() -> b.maxTokens(0)).hasMessage("maxTokens must be > 0, but was 0");
    assertThatThrownBy(() -> b.contextWindow(0)).hasMessage("contextWindow must be > 0, but was 0");
    assertThatThrownBy(() -> b.readTimeout(Duration.ofSeconds(-1)))
        .hasMessage("readTimeout must not be negative, but was PT-1S");
    assertThatThrownBy(() -> b.rateLimit(-1, Duration.ofSeconds(1)))
        .hasMessage("permits must be >= 0 (0 for no limit), but was -1");
    assertThatThrownBy(() -> b.model(" ")).hasMessage("model must not be blank, but was ' '");
    assertThatThrownBy(() -> b.extraParameter("stream", false))
        .hasMessageContaining("'stream' is set by the client itself");
    assertThatThrownBy(() -> b.header("X-Api-Key", "bad\nvalue-" + KEY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(KEY);
  }

  @Test
  void fromEnvReadsTheThreeVariables() {
    OpenAiChatModel model =
        OpenAiChatModel.fromEnv(
            Map.of(
                "OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", "https://api.moonshot.ai/v1",
                "RESEARCHER_MODEL", "kimi-k2-turbo-preview"));

    ModelInfo info = model.info();
    assertThat(info.model()).isEqualTo("kimi-k2-turbo-preview");
    assertThat(info.parameters()).containsEntry("base_url", "https://api.moonshot.ai/v1");
    assertThat(model.toString()).contains("apiKey=(set)").doesNotContain(KEY);
  }

  @Test
  void infoIsWorkedOutOnceSinceTheLoopAsksBeforeEveryCall() {
    OpenAiChatModel model =
        OpenAiChatModel.builder().model("m").baseUrl("http://localhost:8000/v1").build();

    assertThat(model.info()).isSameAs(model.info());
    assertThat(model.toBuilder().temperature(0.5).build().info().parameters())
        .containsEntry("temperature", 0.5);
  }

  @Test
  void fromEnvWithoutAModelSaysWhatToSetIncludingALocalServer() {
    assertThatThrownBy(() -> OpenAiChatModel.fromEnv(Map.of("OPENAI_API_KEY", KEY)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("RESEARCHER_MODEL is not set")
        .hasMessageContaining("OPENAI_BASE_URL=http://localhost:11434/v1 RESEARCHER_MODEL=qwen3:8b")
        .hasMessageNotContaining(KEY);
  }

  @Test
  void fromEnvNamesEveryMissingVariableInOneMessage() {
    assertThatThrownBy(() -> OpenAiChatModel.fromEnv(Map.of("RESEARCHER_MODEL", " ")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("RESEARCHER_MODEL is not set")
        .hasMessageContaining("OPENAI_API_KEY is not set, and OpenAI's API needs a key");
  }

  @Test
  void fromEnvNeedsNoKeyForALocalServer() {
    OpenAiChatModel model =
        OpenAiChatModel.fromEnv(
            Map.of("OPENAI_BASE_URL", "http://localhost:11434/v1", "RESEARCHER_MODEL", "qwen3:8b"));

    assertThat(model.toString()).contains("apiKey=(none)").contains("localhost:11434");
  }

  @Test
  void fromEnvRejectsABaseUrlThatIsNotAUrl() {
    assertThatThrownBy(
            () ->
                OpenAiChatModel.fromEnv(
                    Map.of("OPENAI_BASE_URL", "localhost:8000", "RESEARCHER_MODEL", "m")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "OPENAI_BASE_URL must be an http or https URL, but was 'localhost:8000'");
  }

  @Test
  void theBuildersFromEnvLeavesTheModelToCode() {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .fromEnv(Map.of("OPENAI_BASE_URL", "http://localhost:8080/v1"))
            .model("llama-3.1-8b")
            .build();

    assertThat(model.info().model()).isEqualTo("llama-3.1-8b");
    assertThat(model.info().parameters()).containsEntry("base_url", "http://localhost:8080/v1");
  }

  @Test
  void infoHasTheDefaultContextWindowAndOnlyTheParametersThatWereSet() {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .model("gpt-4o-mini")
            .apiKey(KEY)
            .stop(List.of("END"))
            .seed(3)
            .build();

    ModelInfo info = model.info();

    assertThat(info.contextWindow()).isEqualTo(ModelInfo.DEFAULT_CONTEXT_WINDOW);
    assertThat(info.parameters())
        .containsOnlyKeys("base_url", "stop", "seed")
        .containsEntry("base_url", "https://api.openai.com/v1")
        .containsEntry("stop", List.of("END"))
        .containsEntry("seed", 3L);
  }

  private static String endpoint(String baseUrl) {
    return OpenAiEndpoints.endpointFor(baseUrl).toString();
  }
}
