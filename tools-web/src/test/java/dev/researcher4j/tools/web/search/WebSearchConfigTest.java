package dev.researcher4j.tools.web.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebSearchConfigTest {

  private static final String TAVILY_KEY = "tvly-dev-0a1b2c3d4e5f6a7b8c9d";

  @Test
  void withNothingConfiguredTheKeylessDuckDuckGoIsChosen() {
    WebSearchConfig config = WebSearchConfig.fromEnvironment(Map.of()).build();

    assertThat(config.provider()).isEqualTo(WebSearchProvider.DUCKDUCKGO);
    assertThat(config.baseUrl()).isEqualTo("https://html.duckduckgo.com/");
    assertThat(config.apiKey()).isEmpty();
  }

  @ParameterizedTest(name = "{0} set -> {1}")
  @CsvSource({
    "TAVILY_API_KEY, TAVILY",
    "BRAVE_API_KEY, BRAVE",
    "SERPER_API_KEY, SERPER",
  })
  void aKeyInTheEnvironmentChoosesItsProvider(String variable, WebSearchProvider expected) {
    WebSearchConfig config =
        WebSearchConfig.fromEnvironment(Map.of(variable, " key-0123456789 \n")).build();

    assertThat(config.provider()).isEqualTo(expected);
    assertThat(config.apiKey()).contains("key-0123456789");
    assertThat(config.baseUrl()).isEqualTo(expected.defaultBaseUrl().orElseThrow() + "/");
  }

  @Test
  void searxngUrlChoosesSearxngAtThatAddress() {
    WebSearchConfig config =
        WebSearchConfig.fromEnvironment(Map.of("SEARXNG_URL", "http://localhost:8888")).build();

    assertThat(config.provider()).isEqualTo(WebSearchProvider.SEARXNG);
    assertThat(config.baseUrl()).isEqualTo("http://localhost:8888/");
  }

  @Test
  void tavilyThenBraveThenSerperThenSearxngWinWhenSeveralAreSet() {
    Map<String, String> env = new HashMap<>();
    env.put("SEARXNG_URL", "http://localhost:8888");
    assertThat(WebSearchConfig.fromEnvironment(env).build().provider())
        .isEqualTo(WebSearchProvider.SEARXNG);
    env.put("SERPER_API_KEY", "serper-key-0123");
    assertThat(WebSearchConfig.fromEnvironment(env).build().provider())
        .isEqualTo(WebSearchProvider.SERPER);
    env.put("BRAVE_API_KEY", "brave-key-0123");
    assertThat(WebSearchConfig.fromEnvironment(env).build().provider())
        .isEqualTo(WebSearchProvider.BRAVE);
    env.put("TAVILY_API_KEY", TAVILY_KEY);
    assertThat(WebSearchConfig.fromEnvironment(env).build().provider())
        .isEqualTo(WebSearchProvider.TAVILY);
  }

  @Test
  void blankVariablesCountAsUnset() {
    Map<String, String> env = Map.of("TAVILY_API_KEY", "  ", "BRAVE_API_KEY", "brave-key-0123");

    assertThat(WebSearchConfig.fromEnvironment(env).build().provider())
        .isEqualTo(WebSearchProvider.BRAVE);
  }

  @Test
  void readsTheEnvironmentThroughAnyFunction() {
    WebSearchConfig config =
        WebSearchConfig.fromEnvironment(name -> name.equals("SERPER_API_KEY") ? "k-0123" : null)
            .build();

    assertThat(config.provider()).isEqualTo(WebSearchProvider.SERPER);
  }

  @Test
  void aProviderChosenByNameTakesItsKeyFromTheEnvironment() {
    Map<String, String> env = Map.of("TAVILY_API_KEY", TAVILY_KEY, "BRAVE_API_KEY", "brave-0123");

    WebSearchConfig config = WebSearchConfig.forProvider("Brave", env).build();

    assertThat(config.provider()).isEqualTo(WebSearchProvider.BRAVE);
    assertThat(config.apiKey()).contains("brave-0123");
  }

  @Test
  void duckDuckGoCanBeChosenByNameEvenWhenKeysAreSet() {
    WebSearchConfig config =
        WebSearchConfig.forProvider("ddg", Map.of("TAVILY_API_KEY", TAVILY_KEY)).build();

    assertThat(config.provider()).isEqualTo(WebSearchProvider.DUCKDUCKGO);
    assertThat(config.apiKey()).isEmpty();
  }

  @ParameterizedTest(name = "{0} without its variable")
  @CsvSource({"tavily, TAVILY_API_KEY", "brave, BRAVE_API_KEY", "serper, SERPER_API_KEY"})
  void aMissingKeyFailsNamingTheVariable(String name, String variable) {
    WebSearchConfig.Builder builder = WebSearchConfig.forProvider(name, Map.of());

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            name + " web search needs an API key: set " + variable + " or call apiKey(...)");
  }

  @Test
  void searxngWithoutAnAddressFailsNamingTheVariable() {
    WebSearchConfig.Builder builder = WebSearchConfig.forProvider("searxng", Map.of());

    assertThatThrownBy(builder::build)
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("set SEARXNG_URL");
  }

  @Test
  void anUnknownProviderNameListsTheKnownOnes() {
    assertThatThrownBy(() -> WebSearchConfig.forProvider("bing", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown search provider 'bing'; choose one of tavily, brave, serper, searxng,"
                + " duckduckgo");
  }

  @Test
  void toStringNeverShowsTheKey() {
    WebSearchConfig config =
        WebSearchConfig.builder(WebSearchProvider.TAVILY).apiKey(TAVILY_KEY).build();

    assertThat(config.toString()).doesNotContain(TAVILY_KEY).contains("apiKey=***");
  }

  @Test
  void rejectsBadValuesAtOnce() {
    WebSearchConfig.Builder b = WebSearchConfig.builder(WebSearchProvider.BRAVE);

    assertThatThrownBy(() -> b.baseUrl("ftp://example.org"))
        .hasMessage("baseUrl must be an http or https URL, but was 'ftp://example.org'");
    assertThatThrownBy(() -> b.apiKey(" ")).hasMessage("apiKey must not be blank");
    assertThatThrownBy(() -> b.userAgent(" ")).hasMessage("userAgent must not be blank");
  }

  @Test
  void toBuilderKeepsEverythingAndMakesTheSameProvider() {
    WebSearchConfig config =
        WebSearchConfig.builder(WebSearchProvider.SERPER)
            .apiKey("serper-0123")
            .baseUrl("http://proxy.internal:8080/serper")
            .userAgent("my-agent/1.0")
            .build();

    WebSearchConfig copy = config.toBuilder().build();

    assertThat(copy.apiKey()).contains("serper-0123");
    assertThat(copy.baseUrl()).isEqualTo("http://proxy.internal:8080/serper");
    assertThat(copy.userAgent()).isEqualTo("my-agent/1.0");
    assertThat(copy.client()).isSameAs(config.client());
    assertThat(WebSearch.create(copy).name()).isEqualTo("serper");
  }

  @Test
  void eachProviderIsMadeFromItsConfig() {
    for (WebSearchProvider provider : WebSearchProvider.values()) {
      WebSearchConfig.Builder b =
          WebSearchConfig.builder(provider).baseUrl("http://localhost:9/").apiKey("key-0123");

      assertThat(WebSearch.create(b.build()).name()).isEqualTo(provider.id());
    }
  }

  @Test
  void providersKnowTheirVariablesAndWhetherTheyNeedAKey() {
    assertThat(WebSearchProvider.TAVILY.environmentVariable()).contains("TAVILY_API_KEY");
    assertThat(WebSearchProvider.SEARXNG.environmentVariable()).contains("SEARXNG_URL");
    assertThat(WebSearchProvider.DUCKDUCKGO.environmentVariable()).isEmpty();
    assertThat(WebSearchProvider.SEARXNG.requiresApiKey()).isFalse();
    assertThat(WebSearchProvider.SEARXNG.defaultBaseUrl()).isEmpty();
    assertThat(WebSearchProvider.fromId(" SERPER ")).isEqualTo(WebSearchProvider.SERPER);
  }
}
