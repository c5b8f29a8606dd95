package dev.researcher4j.core.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.researcher4j.core.model.Fixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.ResponseFormat;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.http.CircuitBreakerPolicy;
import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.core.json.JsonSchemas;
import dev.researcher4j.core.json.StructuredOutput;
import dev.researcher4j.testing.RecordingSleeper;
import java.io.IOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OpenAiChatModelTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final String KEY = "sk-test-0123456789abcdefXYZ";
  private static final String PATH = "/v1/chat/completions";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  private OpenAiChatModel.Builder model() {
    return OpenAiChatModel.builder()
        .baseUrl(server.baseUrl() + "/v1")
        .apiKey(KEY)
        .model("gpt-4o-mini")
        .sleeper(sleeper)
        .circuitBreaker(CircuitBreakerPolicy.disabled())
        .retryPolicy(RetryPolicy.custom().jitter(0).build());
  }

  private static void answerWith(String fixtureName) {
    server.stubFor(post(PATH).willReturn(okJson(fixture(fixtureName))));
  }

  private static JsonNode lastRequestBody() {
    var events = server.getAllServeEvents();
    try {
      return JSON.readTree(events.get(0).getRequest().getBodyAsString());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static ObjectNode querySchema() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    schema.putArray("required").add("query");
    return schema;
  }

  @Test
  void sendsAPlainRequestAndReadsTheAnswerUsageAndCost() {
    answerWith("plain-answer.json");
    OpenAiChatModel model =
        model().prices(PriceTable.of("gpt-4o-mini", ModelPrice.of(0.15, 0.075, 0.60))).build();

    ChatResponse response = model.chat(ChatRequest.of("What is the capital of France?"));

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", equalTo("Bearer " + KEY))
            .withHeader("Content-Type", equalToIgnoreCase("application/json; charset=utf-8"))
            .withHeader("Accept", equalTo("application/json"))
            .withRequestBody(
                equalToJson(
                    "{\"model\": \"gpt-4o-mini\", \"messages\": [{\"role\": \"user\","
                        + " \"content\": \"What is the capital of France?\"}]}")));
    assertThat(response.text()).isEqualTo("The capital of France is Paris.");
    assertThat(response.message().reasoning()).isEmpty();
    assertThat(response.toolCalls()).isEmpty();
    assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(response.rawFinishReason()).isEqualTo("stop");
    assertThat(response.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(response.responseId()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    assertThat(response.retries()).isEmpty();
    assertThat(response.tokens().isEmpty()).isTrue();
    Usage usage = response.usage();
    assertThat(usage.inputTokens()).isEqualTo(1200);
    assertThat(usage.outputTokens()).isEqualTo(300);
    assertThat(usage.cachedInputTokens()).isEqualTo(1000);
    assertThat(usage.reasoningTokens()).isZero();
    // 200 uncached × 0.15 + 1000 cached × 0.075 + 300 out × 0.60, per million
    assertThat(usage.costUsd()).isCloseTo(0.000285, within(1e-12));
  }

  @Test
  void sendsNoAuthorizationHeaderWithoutAKeyAndAddsV1ToABareHost() {
    answerWith("plain-answer.json");
    OpenAiChatModel local =
        OpenAiChatModel.builder().baseUrl(server.baseUrl()).model("qwen3:8b").build();

    local.chat(ChatRequest.of("hi"));

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("Authorization", absent())
            .withRequestBody(equalToJson("{\"model\": \"qwen3:8b\"}", false, true)));
  }

  @Test
  void sendsToolsToolChoiceParallelCallsResponseFormatSamplingAndExtraParameters() {
    answerWith("one-tool-call.json");
    ObjectNode answerSchema = JSON.createObjectNode().put("type", "object");
    answerSchema.putObject("properties").putObject("answer").put("type", "string");
    OpenAiChatModel model =
        model()
            .temperature(0.7)
            .extraParameter("top_k", 40)
            .extraParameter("return_token_ids", true)
            .build();
    ChatRequest request =
        ChatRequest.builder()
            .addMessage(Message.system("You are a careful researcher."))
            .addMessage(Message.user("Find the HLE score."))
            .tools(
                List.of(
                    ToolSpec.of("web_search", "Searches the web.", querySchema()),
                    ToolSpec.of("finish", "")))
            .toolChoice(ToolChoice.tool("web_search"))
            .parallelToolCalls(false)
            .responseFormat(ResponseFormat.jsonSchema("answer", answerSchema))
            .options(
                ChatOptions.builder()
                    .temperature(0.3)
                    .topP(0.9)
                    .maxTokens(512)
                    .seed(7)
                    .stop(List.of("END"))
                    .extra("top_k", 20)
                    .extra("reasoning_effort", "low")
                    .build())
            .build();

    model.chat(request);

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {
                      "model": "gpt-4o-mini",
                      "messages": [
                        {"role": "system", "content": "You are a careful researcher."},
                        {"role": "user", "content": "Find the HLE score."}
                      ],
                      "tools": [
                        {"type": "function", "function": {
                          "name": "web_search",
                          "description": "Searches the web.",
                          "parameters": {"type": "object",
                            "properties": {"query": {"type": "string"}}, "required": ["query"]}}},
                        {"type": "function", "function": {
                          "name": "finish",
                          "parameters": {"type": "object", "properties": {}}}}
                      ],
                      "tool_choice": {"type": "function", "function": {"name": "web_search"}},
                      "parallel_tool_calls": false,
                      "response_format": {"type": "json_schema", "json_schema": {
                        "name": "answer",
                        "schema": {"type": "object", "properties": {"answer": {"type": "string"}}},
                        "strict": true}},
                      "temperature": 0.3,
                      "top_p": 0.9,
                      "max_tokens": 512,
                      "seed": 7,
                      "stop": ["END"],
                      "top_k": 20,
                      "return_token_ids": true,
                      "reasoning_effort": "low"
                    }
                    """)));
  }

  @Test
  void writesEachToolChoiceModeAndLeavesToolFieldsOutWithoutTools() {
    answerWith("plain-answer.json");
    OpenAiChatModel model = model().build();
    List<ToolSpec> tools = List.of(ToolSpec.of("web_search", "Searches.", querySchema()));

    for (ToolChoice choice : List.of(ToolChoice.AUTO, ToolChoice.NONE, ToolChoice.REQUIRED)) {
      server.resetRequests();
      model.chat(
          ChatRequest.builder()
              .addMessage(Message.user("q"))
              .tools(tools)
              .toolChoice(choice)
              .build());
      JsonNode body = lastRequestBody();
      assertThat(body.get("tool_choice").asText())
          .isEqualTo(choice.mode().name().toLowerCase(java.util.Locale.ROOT));
      assertThat(body.has("parallel_tool_calls")).isFalse();
    }

    server.resetRequests();
    model.chat(ChatRequest.builder().addMessage(Message.user("q")).parallelToolCalls(true).build());
    JsonNode body = lastRequestBody();
    assertThat(body.has("tools")).isFalse();
    assertThat(body.has("tool_choice")).isFalse();
    assertThat(body.has("parallel_tool_calls")).isFalse();
    assertThat(body.has("response_format")).isFalse();
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void resendsHistoryWithAssistantToolCallsAndToolResultsButNotReasoning() {
    answerWith("plain-answer.json");
    List<Message> history =
        List.of(
            Message.system("You are a careful researcher."),
            Message.user("Compare HLE and BrowseComp."),
            Message.assistant(
                "",
                "I should search both.",
                List.of(
                    new ToolCall("call_1", "web_search", "{\"query\":\"HLE\"}"),
                    new ToolCall("call_2", "paper_search", ""))),
            Message.tool("call_1", "web_search", "[S1] HLE is a benchmark of 2,500 questions."),
            Message.tool("call_2", "paper_search", "error: no results; try a broader query"),
            Message.assistant("Both are agent benchmarks [S1]."),
            Message.user("Thanks."));

    model().build().chat(ChatRequest.of(history));

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withRequestBody(
                equalToJson(
                    """
                    {"model": "gpt-4o-mini", "messages": [
                      {"role": "system", "content": "You are a careful researcher."},
                      {"role": "user", "content": "Compare HLE and BrowseComp."},
                      {"role": "assistant", "content": null, "tool_calls": [
                        {"id": "call_1", "type": "function",
                         "function": {"name": "web_search", "arguments": "{\\"query\\":\\"HLE\\"}"}},
                        {"id": "call_2", "type": "function",
                         "function": {"name": "paper_search", "arguments": "{}"}}]},
                      {"role": "tool", "tool_call_id": "call_1", "name": "web_search",
                       "content": "[S1] HLE is a benchmark of 2,500 questions."},
                      {"role": "tool", "tool_call_id": "call_2", "name": "paper_search",
                       "content": "error: no results; try a broader query"},
                      {"role": "assistant", "content": "Both are agent benchmarks [S1]."},
                      {"role": "user", "content": "Thanks."}
                    ]}
                    """)));
  }

  @Test
  void echoesReasoningAsReasoningContentWhenAsked() {
    answerWith("plain-answer.json");
    List<Message> history =
        List.of(
            Message.user("q"),
            Message.assistant(
                "", "I should search.", List.of(new ToolCall("call_1", "web_search", "{}"))),
            Message.tool("call_1", "web_search", "result"),
            Message.assistant("", "", List.of(new ToolCall("call_2", "web_search", "{}"))),
            Message.tool("call_2", "web_search", "result"),
            Message.assistant("Plain answer."));

    model().echoReasoning(true).build().chat(ChatRequest.of(history));

    JsonNode messages = lastRequestBody().get("messages");
    assertThat(messages.get(1).get("reasoning_content").asText()).isEqualTo("I should search.");
    assertThat(messages.get(3).get("reasoning_content").asText()).isEmpty();
    assertThat(messages.get(5).has("reasoning_content")).isFalse();
  }

  @Test
  void choosesTheTokenLimitFieldAndReasoningEchoByHostUnlessTold() {
    answerWith("plain-answer.json");
    // Sends requests for real hosts to the mock server, to test the host-based defaults.
    OkHttpClient redirect =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  Request original = chain.request();
                  HttpUrl local =
                      original
                          .url()
                          .newBuilder()
                          .scheme("http")
                          .host("localhost")
                          .port(server.getPort())
                          .build();
                  return chain.proceed(original.newBuilder().url(local).build());
                })
            .build();
    ChatRequest request =
        ChatRequest.of(
            List.of(
                Message.user("q"),
                Message.assistant("", "thinking", List.of(new ToolCall("c1", "web_search", "{}"))),
                Message.tool("c1", "web_search", "r")));
    OpenAiChatModel.Builder base = model().httpClient(redirect).maxTokens(100);

    base.baseUrl("https://api.openai.com/v1").build().chat(request);
    JsonNode openAi = lastRequestBody();
    server.resetRequests();
    base.baseUrl("https://api.deepseek.com").build().chat(request);
    JsonNode deepSeek = lastRequestBody();
    server.resetRequests();
    base.baseUrl("https://api.openai.com/v1")
        .maxTokensField(OpenAiChatModel.MaxTokensField.MAX_TOKENS)
        .echoReasoning(true)
        .build()
        .chat(request);
    JsonNode overridden = lastRequestBody();

    assertThat(openAi.get("max_completion_tokens").asInt()).isEqualTo(100);
    assertThat(openAi.has("max_tokens")).isFalse();
    assertThat(openAi.get("messages").get(1).has("reasoning_content")).isFalse();
    assertThat(deepSeek.get("max_tokens").asInt()).isEqualTo(100);
    assertThat(deepSeek.get("messages").get(1).get("reasoning_content").asText())
        .isEqualTo("thinking");
    assertThat(overridden.get("max_tokens").asInt()).isEqualTo(100);
    assertThat(overridden.get("messages").get(1).get("reasoning_content").asText())
        .isEqualTo("thinking");
  }

  @Test
  void readsOneToolCall() {
    answerWith("one-tool-call.json");

    ChatResponse response = model().build().chat(ChatRequest.of("Find the HLE score."));

    assertThat(response.text()).isEmpty();
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.toolCalls())
        .containsExactly(
            new ToolCall(
                "call_abc123", "web_search", "{\n\"query\": \"Kimi-Researcher HLE pass@1\"\n}"));
    assertThat(response.toolCalls().get(0).parsedArguments().get("query").asText())
        .isEqualTo("Kimi-Researcher HLE pass@1");
  }

  @Test
  void readsSeveralToolCallsInOrder() {
    answerWith("several-tool-calls.json");

    ChatResponse response = model().build().chat(ChatRequest.of("Research agent benchmarks."));

    assertThat(response.toolCalls())
        .extracting(ToolCall::id, ToolCall::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("call_FthC9qRpsL5kBpwwyw6c7j4k", "web_search"),
            org.assertj.core.groups.Tuple.tuple("call_RpEDoB8O0FTL9JoKTuCVFOyR", "paper_search"),
            org.assertj.core.groups.Tuple.tuple("call_9xvQ2nWm0kEaT6yB1cPd3LrZ", "read_page"));
    assertThat(response.toolCalls()).allMatch(ToolCall::hasValidArguments);
    assertThat(response.toolCalls().get(1).arguments())
        .isEqualTo("{\"query\": \"BrowseComp\", \"limit\": 5}");
    assertThat(response.usage().inputTokens()).isEqualTo(318);
  }

  @Test
  void keepsToolCallArgumentsThatAreNotJsonAndReportsThem() {
    answerWith("malformed-arguments.json");

    ChatResponse response = model().build().chat(ChatRequest.of("Search."));

    ToolCall call = response.toolCalls().get(0);
    assertThat(call.arguments()).isEqualTo("{\"query\": \"pass@k estimator\", \"limit\": 5");
    assertThat(call.hasValidArguments()).isFalse();
    assertThat(call.argumentsError()).contains("not valid JSON").contains("pass@k estimator");
    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    // vLLM sends "prompt_tokens_details": null
    assertThat(response.usage()).isEqualTo(new Usage(240, 22, 0, 0, 0));
  }

  @Test
  void separatesDeepSeekReasoningContentFromTheAnswerAndReadsItsCacheTokens() {
    answerWith("deepseek-reasoner.json");

    ChatResponse response =
        model().model("deepseek-reasoner").build().chat(ChatRequest.of("9.11 or 9.8?"));

    assertThat(response.text()).isEqualTo("9.11 is smaller than 9.8.");
    assertThat(response.message().reasoning())
        .isEqualTo("Compare the tenths: 1 is less than 8, so 9.11 < 9.8.");
    assertThat(response.usage()).isEqualTo(new Usage(18, 240, 16, 215, 0));
  }

  @Test
  void separatesOllamaReasoningField() {
    answerWith("ollama-reasoning.json");

    ChatResponse response = model().model("qwen3:8b").build().chat(ChatRequest.of("Capital?"));

    assertThat(response.text()).isEqualTo("Paris.");
    assertThat(response.message().reasoning()).startsWith("The user asks for the capital");
  }

  record Finding(String answer, List<String> sources) {}

  @Test
  void separatesInlineThinkBlocksSoThatStructuredOutputReadsTheJson() {
    answerWith("think-inline.json");
    OpenAiChatModel model = model().build();

    ChatResponse response = model.chat(ChatRequest.of("HLE pass@1?"));
    Finding finding =
        StructuredOutput.ofDefaults()
            .ask(model, ChatRequest.of("HLE pass@1?"), Finding.class)
            .value();

    assertThat(response.text()).isEqualTo("{\"answer\": \"26.9%\", \"sources\": [\"S1\", \"S3\"]}");
    assertThat(response.message().reasoning()).isEqualTo("The sources S1 and S3 agree on 26.9%.");
    assertThat(finding).isEqualTo(new Finding("26.9%", List.of("S1", "S3")));
  }

  @Test
  void structuredOutputSendsTheSchemaAsResponseFormatAndReasksOnce() {
    server.stubFor(
        post(PATH)
            .inScenario("reask")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                okJson(
                    fixture("plain-answer.json")
                        .replace("The capital of France is Paris.", "I could not decide.")))
            .willSetStateTo("second"));
    server.stubFor(
        post(PATH)
            .inScenario("reask")
            .whenScenarioStateIs("second")
            .willReturn(
                okJson(
                    fixture("plain-answer.json")
                        .replace(
                            "\"The capital of France is Paris.\"",
                            "\"{\\\"answer\\\": \\\"Paris\\\", \\\"sources\\\": [\\\"S2\\\"]}\""))));
    ChatRequest request =
        StructuredOutput.withSchemaFormat(ChatRequest.of("Capital?"), "finding", Finding.class);

    StructuredOutput.Result<Finding> result =
        StructuredOutput.ofDefaults().ask(model().build(), request, Finding.class);

    assertThat(result.value()).isEqualTo(new Finding("Paris", List.of("S2")));
    assertThat(result.responses()).hasSize(2);
    var requests = server.getAllServeEvents();
    assertThat(requests).hasSize(2);
    for (var event : requests) {
      JsonNode format = readTree(event.getRequest().getBodyAsString()).get("response_format");
      assertThat(format.get("type").asText()).isEqualTo("json_schema");
      assertThat(format.get("json_schema").get("name").asText()).isEqualTo("finding");
      assertThat(format.get("json_schema").get("strict").asBoolean()).isTrue();
      assertThat(format.get("json_schema").get("schema"))
          .isEqualTo(JsonSchemas.forType(Finding.class));
    }
    // getAllServeEvents lists the newest first: the re-ask carries the bad reply and the error.
    JsonNode reask = readTree(requests.get(0).getRequest().getBodyAsString()).get("messages");
    assertThat(reask).hasSize(3);
    assertThat(reask.get(1).get("content").asText()).isEqualTo("I could not decide.");
    assertThat(reask.get(2).get("content").asText()).contains("could not be read as JSON");
  }

  @Test
  void asksForAJsonObjectWithResponseFormatJsonObject() {
    answerWith("plain-answer.json");

    model()
        .build()
        .chat(
            ChatRequest.builder()
                .addMessage(Message.user("JSON please"))
                .responseFormat(ResponseFormat.JSON_OBJECT)
                .build());

    assertThat(lastRequestBody().get("response_format"))
        .isEqualTo(readTree("{\"type\": \"json_object\"}"));
  }

  @Test
  void readsTokenIdsAndLogprobsWhenTheServerSendsThem() {
    answerWith("vllm-token-ids.json");
    OpenAiChatModel model =
        model().extraParameter("return_token_ids", true).extraParameter("logprobs", true).build();

    ChatResponse response = model.chat(ChatRequest.of("Hi"));

    assertThat(lastRequestBody().get("return_token_ids").asBoolean()).isTrue();
    assertThat(lastRequestBody().get("logprobs").asBoolean()).isTrue();
    assertThat(response.tokens().promptTokenIds()).containsExactly(151644, 872, 198, 9707, 151645);
    assertThat(response.tokens().completionTokenIds()).containsExactly(9707, 0, 151645);
    assertThat(response.tokens().completionTokens()).containsExactly("Hello", "!", "<|im_end|>");
    assertThat(response.tokens().logprobs()).containsExactly(-0.0123, -0.25, -0.0009);
  }

  @Test
  void surfacesLengthAndContentFilterAsFinishReasonsNotErrors() {
    answerWith("finish-length.json");
    ChatResponse cut = model().build().chat(ChatRequest.of("Write a long report."));
    answerWith("finish-content-filter.json");
    ChatResponse filtered = model().build().chat(ChatRequest.of("Something filtered."));

    assertThat(cut.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(cut.text()).isEqualTo("The report begins with");
    assertThat(filtered.finishReason()).isEqualTo(FinishReason.CONTENT_FILTER);
    assertThat(filtered.rawFinishReason()).isEqualTo("content_filter");
    assertThat(filtered.text()).isEmpty();
  }

  @Test
  void withoutStreamingAnObserverHearsTheWholeAnswerOnce() {
    answerWith("deepseek-reasoner.json");
    RecordingObserver observer = new RecordingObserver();

    model().streaming(false).build().chat(ChatRequest.of("9.11 or 9.8?"), observer);

    assertThat(lastRequestBody().has("stream")).isFalse();
    assertThat(observer.events)
        .containsExactly(
            "reasoning:Compare the tenths: 1 is less than 8, so 9.11 < 9.8.",
            "text:9.11 is smaller than 9.8.");
  }

  @Test
  void infoDescribesModelContextWindowAndParametersButNotTheKey() {
    OpenAiChatModel model =
        model()
            .contextWindow(128_000)
            .temperature(0.2)
            .maxTokens(2048)
            .extraParameter("reasoning_effort", "high")
            .extraParameter("chat_template_kwargs", java.util.Map.of("enable_thinking", false))
            .build();

    ModelInfo info = model.info();

    assertThat(info.provider()).isEqualTo("openai-compatible");
    assertThat(info.model()).isEqualTo("gpt-4o-mini");
    assertThat(info.contextWindow()).isEqualTo(128_000);
    assertThat(info.parameters())
        .containsEntry("base_url", server.baseUrl() + "/v1")
        .containsEntry("temperature", 0.2)
        .containsEntry("max_tokens", 2048)
        .containsEntry("reasoning_effort", "high")
        .containsEntry("chat_template_kwargs", "{\"enable_thinking\":false}");
    assertThat(info.toString()).doesNotContain(KEY);
    assertThat(model.toString())
        .contains("gpt-4o-mini")
        .contains("apiKey=(set)")
        .doesNotContain(KEY);
  }

  @Test
  void modelsDerivedWithToBuilderKeepTheConfigurationAndShareTheHttpClient() {
    answerWith("plain-answer.json");
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    OkHttpClient shared =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  calls.incrementAndGet();
                  return chain.proceed(chain.request());
                })
            .build();
    OpenAiChatModel original = model().httpClient(shared).temperature(0.2).build();

    OpenAiChatModel variant = original.toBuilder().temperature(0.9).build();
    original.chat(ChatRequest.of("a"));
    variant.chat(ChatRequest.of("b"));

    assertThat(calls.get()).isEqualTo(2);
    assertThat(variant.info().parameters()).containsEntry("temperature", 0.9);
    assertThat(variant.info().model()).isEqualTo(original.info().model());
    assertThat(original.info().parameters()).containsEntry("temperature", 0.2);
    server.verify(
        2,
        postRequestedFor(urlEqualTo(PATH)).withHeader("Authorization", equalTo("Bearer " + KEY)));
  }

  @Test
  void sendsCustomHeaders() {
    answerWith("plain-answer.json");

    model()
        .header("HTTP-Referer", "https://researcher4j.dev")
        .header("OpenAI-Organization", "org-abc")
        .build()
        .chat(ChatRequest.of("hi"));

    server.verify(
        postRequestedFor(urlEqualTo(PATH))
            .withHeader("HTTP-Referer", equalTo("https://researcher4j.dev"))
            .withHeader("OpenAI-Organization", equalTo("org-abc")));
  }

  @Test
  void aServerThatDropsTheToolCallFinishReasonStillYieldsToolCalls() {
    server.stubFor(
        post(PATH)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        fixture("one-tool-call.json")
                            .replace(
                                "\"finish_reason\": \"tool_calls\"", "\"finish_reason\": \"stop\"")
                            .replace("\"id\": \"call_abc123\",", ""))));

    ChatResponse response = model().build().chat(ChatRequest.of("q"));

    assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
    assertThat(response.rawFinishReason()).isEqualTo("stop");
    assertThat(response.toolCalls().get(0).id()).startsWith("call_0_");
  }

  private static JsonNode readTree(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
