package dev.researcher4j.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.core.internal.loop.TextToolCalls.Found;
import dev.researcher4j.core.internal.loop.TextToolCalls.Result;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Tool calls a server without a tool-call parser passes through as text, in the shapes the models
 * really write (as the chat templates render them and as vLLM's and llama.cpp's parsers read them),
 * and text that must not be taken for a call.
 */
class TextToolCallsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TOOLS = Set.of("web_search", "get_weather", "read_url");

  private static Result find(String text) {
    return TextToolCalls.find(text, TOOLS);
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  /** Asserts the calls by name and by arguments compared as JSON. */
  private static void assertCalls(Result result, String... nameThenArguments) {
    assertThat(result.unreadable()).isEmpty();
    assertThat(result.calls()).hasSize(nameThenArguments.length / 2);
    for (int i = 0; i < nameThenArguments.length; i += 2) {
      Found call = result.calls().get(i / 2);
      assertThat(call.name()).isEqualTo(nameThenArguments[i]);
      assertThat(json(call.arguments())).isEqualTo(json(nameThenArguments[i + 1]));
    }
  }

  @Nested
  class HermesAndQwen {

    @Test
    void aToolCallBlockIsACall() {
      Result result =
          find(
              "<tool_call>\n"
                  + "{\"name\": \"web_search\", \"arguments\": {\"query\": \"golden gate bridge"
                  + " opening year\"}}\n"
                  + "</tool_call>");

      assertCalls(result, "web_search", "{\"query\": \"golden gate bridge opening year\"}");
      assertThat(result.rest()).isEmpty();
      assertThat(result.hasMarkup()).isTrue();
    }

    @Test
    void textBeforeAndBetweenBlocksIsKeptAndEveryBlockIsACall() {
      Result result =
          find(
              "I'll look up both.\n"
                  + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Dallas\","
                  + " \"unit\": \"fahrenheit\"}}\n</tool_call>\n"
                  + "<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Orlando\","
                  + " \"unit\": \"fahrenheit\"}}\n</tool_call>");

      assertCalls(
          result,
          "get_weather",
          "{\"city\": \"Dallas\", \"unit\": \"fahrenheit\"}",
          "get_weather",
          "{\"city\": \"Orlando\", \"unit\": \"fahrenheit\"}");
      assertThat(result.rest()).isEqualTo("I'll look up both.");
    }

    @Test
    void aBlockCutOffBeforeItsClosingTagIsStillACall() {
      // Servers that stop at </tool_call> as a stop string return the block unclosed.
      Result result =
          find(
              "<tool_call>\n{\"name\": \"read_url\", \"arguments\": {\"url\": \"https://a.org\"}}");

      assertCalls(result, "read_url", "{\"url\": \"https://a.org\"}");
    }

    @Test
    void argumentsWrittenAsAJsonStringAreKeptAsWritten() {
      Result result =
          find(
              "<tool_call>{\"name\": \"web_search\", \"arguments\": \"{\\\"query\\\": \\\"x\\\"}\"}"
                  + "</tool_call>");

      assertThat(result.calls()).containsExactly(new Found("web_search", "{\"query\": \"x\"}"));
    }

    @Test
    void aCallWithoutArgumentsGetsAnEmptyObject() {
      assertThat(find("<tool_call>{\"name\": \"get_weather\"}</tool_call>").calls())
          .containsExactly(new Found("get_weather", "{}"));
    }

    @Test
    void theTagIsRecognisedInAnyCase() {
      assertCalls(
          find(
              "<TOOL_CALL>{\"name\": \"web_search\", \"arguments\": {\"query\": \"q\"}}</TOOL_CALL>"),
          "web_search",
          "{\"query\": \"q\"}");
    }

    @Test
    void argumentsNamedParametersArgsOrInputAreRead() {
      for (String key : List.of("parameters", "args", "input")) {
        Result result =
            find(
                "<tool_call>{\"name\": \"web_search\", \""
                    + key
                    + "\": {\"query\": \"q\"}}</tool_call>");

        assertCalls(result, "web_search", "{\"query\": \"q\"}");
      }
    }

    @Test
    void anOpenAiShapedCallInsideTheBlockIsUnwrapped() {
      Result result =
          find(
              "<tool_call>{\"type\": \"function\", \"function\": {\"name\": \"web_search\","
                  + " \"arguments\": {\"query\": \"q\"}}}</tool_call>");

      assertCalls(result, "web_search", "{\"query\": \"q\"}");
    }

    @Test
    void aBlockOfProseIsMarkupThatCannotBeRead() {
      Result result = find("Let me think. <tool_call>I will search the web now</tool_call>");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable())
          .isEqualTo("a <tool_call> block holds neither JSON nor a named call");
      assertThat(result.hasMarkup()).isTrue();
      assertThat(result.rest()).isEqualTo("Let me think.");
    }

    @Test
    void brokenJsonInABlockIsReportedNotGuessed() {
      Result result =
          find("<tool_call>{\"name\": \"web_search\", \"arguments\": {\"query\": </tool_call>");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable()).isEqualTo("its JSON could not be parsed");
    }

    @Test
    void aCallNamingNoToolIsReported() {
      Result result = find("<tool_call>{\"arguments\": {\"query\": \"q\"}}</tool_call>");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable()).isEqualTo("a tool call names no tool");
    }

    @Test
    void aCallOfAToolTheRunDoesNotHaveIsStillACallForTheRunToAnswer() {
      // The run answers it with an unknown-tool observation the model can react to.
      assertThat(
              find("<tool_call>{\"name\": \"delete_all\", \"arguments\": {}}</tool_call>").calls())
          .containsExactly(new Found("delete_all", "{}"));
    }

    @Test
    void readableAndUnreadableBlocksAreBothReported() {
      Result result =
          find(
              "<tool_call>{\"name\": \"web_search\", \"arguments\": {\"query\": \"q\"}}</tool_call>"
                  + "<tool_call>{\"name\": </tool_call>");

      assertThat(result.calls()).containsExactly(new Found("web_search", "{\"query\":\"q\"}"));
      assertThat(result.unreadable()).isEqualTo("its JSON could not be parsed");
    }
  }

  @Nested
  class XmlParameters {

    @Test
    void qwen3CoderParametersBecomeJsonArgumentsOfTheirType() {
      Result result =
          find(
              "Let me calculate that.<tool_call>\n<function=get_weather>\n<parameter=city>\n"
                  + "Dallas\n</parameter>\n<parameter=days>\n3\n</parameter>\n"
                  + "<parameter=detail>\n{\"hourly\": true, \n \"fields\": [\"temp\", \"wind\"]}\n"
                  + "</parameter>\n<parameter=metric>\nfalse\n</parameter>\n"
                  + "<parameter=days_ahead>\n[1, 2.5]\n</parameter>\n<parameter=unit>\nnull\n"
                  + "</parameter>\n</function>\n</tool_call>");

      assertCalls(
          result,
          "get_weather",
          "{\"city\": \"Dallas\", \"days\": 3, \"detail\": {\"hourly\": true, \"fields\":"
              + " [\"temp\", \"wind\"]}, \"metric\": false, \"days_ahead\": [1, 2.5], \"unit\":"
              + " null}");
      assertThat(result.rest()).isEqualTo("Let me calculate that.");
    }

    @Test
    void valuesThatOnlyLookNumericStayText() {
      Result result =
          find(
              "<tool_call>\n<function=web_search>\n<parameter=query>\n2025-08-01 results\n"
                  + "</parameter>\n<parameter=zip>\n02134\n</parameter>\n</function>\n</tool_call>");

      assertCalls(result, "web_search", "{\"query\": \"2025-08-01 results\", \"zip\": \"02134\"}");
    }

    @Test
    void aFunctionTagWithoutTheToolCallWrapperIsACall() {
      Result result =
          find("<function=get_weather>\n<parameter=city>\nDallas\n</parameter>\n</function>");

      assertCalls(result, "get_weather", "{\"city\": \"Dallas\"}");
    }

    @Test
    void llamaFunctionTagsCarryJsonArguments() {
      Result result =
          find(
              "<function=web_search>{\"query\": \"bridge\"}</function>"
                  + "<function=get_weather>{\"city\": \"SF\"}</function>");

      assertThat(result.calls())
          .containsExactly(
              new Found("web_search", "{\"query\": \"bridge\"}"),
              new Found("get_weather", "{\"city\": \"SF\"}"));
      assertThat(result.rest()).isEmpty();
    }

    @Test
    void aFunctionTagWithoutArgumentsIsACallWithAnEmptyObject() {
      assertThat(find("<function=get_weather></function>").calls())
          .containsExactly(new Found("get_weather", "{}"));
    }

    @Test
    void aFunctionTagWithProseArgumentsIsReported() {
      Result result = find("<function=web_search>the bridge</function>");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable())
          .isEqualTo("the arguments of <function=web_search> are neither JSON nor parameters");
    }

    @Test
    void glm45ArgumentPairsOnTheirOwnLinesAreArguments() {
      Result result =
          find(
              "I will help you get the weather.\n<tool_call>get_weather\n"
                  + "<arg_key>city</arg_key>\n<arg_value>Beijing</arg_value>\n"
                  + "<arg_key>date</arg_key>\n<arg_value>2025-08-01</arg_value>\n</tool_call>\n"
                  + "<tool_call>get_weather\n<arg_key>city</arg_key>\n"
                  + "<arg_value>Shanghai</arg_value>\n</tool_call>");

      assertCalls(
          result,
          "get_weather",
          "{\"city\": \"Beijing\", \"date\": \"2025-08-01\"}",
          "get_weather",
          "{\"city\": \"Shanghai\"}");
      assertThat(result.rest()).isEqualTo("I will help you get the weather.");
    }

    @Test
    void glm47ArgumentPairsRightAfterTheNameAreArguments() {
      Result result =
          find(
              "<tool_call>get_weather<arg_key>city</arg_key><arg_value>Beijing</arg_value>"
                  + "<arg_key>days</arg_key><arg_value>2</arg_value></tool_call>");

      assertCalls(result, "get_weather", "{\"city\": \"Beijing\", \"days\": 2}");
    }

    @Test
    void aGlmCallWithoutArgumentsIsACall() {
      assertThat(find("<tool_call>get_weather\n</tool_call>").calls())
          .containsExactly(new Found("get_weather", "{}"));
      assertThat(find("<tool_call>get_weather</tool_call>").calls())
          .containsExactly(new Found("get_weather", "{}"));
    }
  }

  @Nested
  class Mistral {

    @Test
    void aV3JsonListWithCallIdsIsEveryCall() {
      // Mistral-7B-Instruct-v0.3 (and Nemo without the space after the marker).
      for (String marker : List.of("[TOOL_CALLS] ", "[TOOL_CALLS]")) {
        Result result =
            find(
                marker
                    + "[{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Zürich\"}, \"id\":"
                    + " \"abcDEF123\"}, {\"name\": \"web_search\", \"arguments\": {\"query\":"
                    + " \"Bern\"}, \"id\": \"xyzXYZ789\"}]");

        assertCalls(
            result, "get_weather", "{\"city\": \"Zürich\"}", "web_search", "{\"query\": \"Bern\"}");
        assertThat(result.rest()).isEmpty();
      }
    }

    @Test
    void textBeforeAJsonListIsKept() {
      Result result =
          find("Hello[TOOL_CALLS] [{\"name\": \"web_search\", \"arguments\": {\"query\": \"q\"}}]");

      assertCalls(result, "web_search", "{\"query\": \"q\"}");
      assertThat(result.rest()).isEqualTo("Hello");
    }

    @Test
    void textAfterAJsonListIsKeptAndNotParsed() {
      Result result =
          find(
              "[TOOL_CALLS] [{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Dallas\"}}]\n"
                  + "extra trailing data");

      assertCalls(result, "get_weather", "{\"city\": \"Dallas\"}");
      assertThat(result.rest()).isEqualTo("extra trailing data");
    }

    @Test
    void v13NamedCallsWithArgsAreEveryCall() {
      // Magistral-Small-2509, Ministral-3, Devstral-2: one [TOOL_CALLS] per call, no separator.
      Result result =
          find(
              "[TOOL_CALLS]get_weather[ARGS]{\"city\": \"Zürich\", \"unit\": \"c\"}"
                  + "[TOOL_CALLS]web_search[ARGS]{\"query\": \"café \\\"best\\\"\", \"filters\":"
                  + " {\"tags\": [\"a\", \"b\"], \"max\": 3}}");

      assertCalls(
          result,
          "get_weather",
          "{\"city\": \"Zürich\", \"unit\": \"c\"}",
          "web_search",
          "{\"query\": \"café \\\"best\\\"\", \"filters\": {\"tags\": [\"a\", \"b\"], \"max\": 3}}");
      assertThat(result.calls().get(0).arguments())
          .isEqualTo("{\"city\": \"Zürich\", \"unit\": \"c\"}");
      assertThat(result.rest()).isEmpty();
    }

    @Test
    void v11NamedCallsWithCallIdsAreEveryCall() {
      // Mistral-Small-3.2 (tokenizer v11) writes a call id between the name and the arguments.
      Result result =
          find(
              "[TOOL_CALLS]get_weather[CALL_ID]abcDEF123[ARGS]{\"city\": \"Zürich\"}"
                  + "[TOOL_CALLS]get_weather[CALL_ID]xyzXYZ789[ARGS]{\"city\": \"Bern\"}");

      assertCalls(
          result, "get_weather", "{\"city\": \"Zürich\"}", "get_weather", "{\"city\": \"Bern\"}");
      assertThat(result.rest()).isEmpty();
    }

    @Test
    void namedCallsWhoseArgsMarkerWasDroppedByTheDetokenizerAreEveryCall() {
      // [ARGS] is a control token: a server decoding without special tokens loses it.
      Result result =
          find(
              "bla[TOOL_CALLS]get_weather{\"city\": \"Dallas\", \"days\": 3.5}"
                  + "[TOOL_CALLS]web_search{\"query\": \"print(\\\"{}\\\")\"}");

      assertCalls(
          result,
          "get_weather",
          "{\"city\": \"Dallas\", \"days\": 3.5}",
          "web_search",
          "{\"query\": \"print(\\\"{}\\\")\"}");
      assertThat(result.rest()).isEqualTo("bla");
    }

    @Test
    void textAfterNamedCallArgumentsIsKeptOutOfTheArguments() {
      Result result = find("[TOOL_CALLS]web_search[ARGS]{\"query\": \"bridge\"} I'll wait.");

      assertThat(result.calls())
          .containsExactly(new Found("web_search", "{\"query\": \"bridge\"}"));
      assertThat(result.rest()).isEqualTo("I'll wait.");
    }

    @Test
    void namedCallArgumentsCutOffAreReported() {
      Result result = find("[TOOL_CALLS]web_search[ARGS]{\"query\": \"bri");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable()).isEqualTo("its JSON could not be parsed");
    }

    @Test
    void aMarkerFollowedByProseIsMarkupInNoFormThatIsRead() {
      Result result = find("[TOOL_CALLS] not json at all");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable())
          .isEqualTo("it holds tool-call markup in no form this agent reads");
      assertThat(result.hasMarkup()).isTrue();
    }
  }

  @Nested
  class LlamaAndGranite {

    @Test
    void aPythonTagBeforeJsonWithParametersIsACall() {
      Result result =
          find("<|python_tag|>{\"name\": \"web_search\", \"parameters\": {\"query\": \"bridge\"}}");

      assertCalls(result, "web_search", "{\"query\": \"bridge\"}");
      assertThat(result.rest()).isEmpty();
    }

    @Test
    void callsSeparatedBySemicolonsAfterAPythonTagAreEveryCall() {
      Result result =
          find(
              "<|python_tag|>{\"name\": \"web_search\", \"parameters\": {\"query\": \"a\"}}; "
                  + "{\"name\": \"get_weather\", \"parameters\": {}}");

      assertCalls(result, "web_search", "{\"query\": \"a\"}", "get_weather", "{}");
    }

    @Test
    void aBuiltInToolCallAfterAPythonTagIsReportedAndTheTextBeforeItKept() {
      Result result = find("Let me search.<|python_tag|>brave_search.call(query=\"bridge\")");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable()).isEqualTo("its JSON could not be parsed");
      assertThat(result.rest()).isEqualTo("Let me search.");
    }

    @Test
    void aPythonTagWithNothingAfterItIsReported() {
      Result result = find("<|python_tag|>");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable()).isEqualTo("its JSON could not be parsed");
    }

    @Test
    void llamaCallsWithTheirTypeFieldAreCalls() {
      // llama.cpp's Llama 3.x format: {"type": "function", "name": ..., "parameters": ...}
      Result result =
          find(
              "{\"type\": \"function\", \"name\": \"get_weather\", \"parameters\": {\"city\":"
                  + " \"Paris\"}}");

      assertCalls(result, "get_weather", "{\"city\": \"Paris\"}");
    }

    @Test
    void aWholeReplyOfJsonWithParametersNamingARunToolIsACall() {
      Result result =
          find(
              "{\"name\": \"web_search\", \"parameters\": {\"query\": \"test query\", \"limit\": 10}}");

      assertCalls(result, "web_search", "{\"query\": \"test query\", \"limit\": 10}");
      assertThat(result.rest()).isEmpty();
    }

    @Test
    void aWholeReplyOfJsonCallsSeparatedBySemicolonsIsEveryCall() {
      for (String separator : List.of("; ", ";", " ; ", ";\n")) {
        Result result =
            find(
                "{\"name\": \"web_search\", \"parameters\": {\"query\": \"test1\"}}"
                    + separator
                    + "{\"name\": \"get_weather\", \"parameters\": {}}"
                    + separator
                    + "{\"name\": \"web_search\", \"parameters\": {\"query\": \"test2\"}}");

        assertCalls(
            result,
            "web_search",
            "{\"query\": \"test1\"}",
            "get_weather",
            "{}",
            "web_search",
            "{\"query\": \"test2\"}");
      }
    }

    @Test
    void aFencedJsonCallIsACall() {
      Result result =
          find("```json\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n```");

      assertCalls(result, "get_weather", "{\"city\": \"Paris\"}");
    }

    @Test
    void aWholeReplyOfAJsonListOfCallsIsEveryCall() {
      Result result =
          find(
              "[{\"name\": \"web_search\", \"arguments\": {\"query\": \"a\"}},"
                  + " {\"name\": \"read_url\", \"arguments\": \"{\\\"url\\\": \\\"https://a.org\\\"}\"}]");

      assertThat(result.calls())
          .containsExactly(
              new Found("web_search", "{\"query\":\"a\"}"),
              new Found("read_url", "{\"url\": \"https://a.org\"}"));
    }

    @Test
    void graniteToolCallListIsEveryCall() {
      Result result =
          find(
              "<|tool_call|>[{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Boston\"}},"
                  + " {\"name\": \"web_search\", \"arguments\": {\"query\": \"Boston events\"}}]");

      assertCalls(
          result,
          "get_weather",
          "{\"city\": \"Boston\"}",
          "web_search",
          "{\"query\": \"Boston events\"}");
    }
  }

  @Nested
  class DeepSeekAndKimi {

    @Test
    void deepSeekV3CallsWithFencedJsonAreEveryCall() {
      Result result =
          find(
              "Let me check.<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n"
                  + "```json\n{\"city\": \"Tokyo\", \"unit\": \"celsius\"}\n```<｜tool▁call▁end｜>"
                  + "<｜tool▁call▁begin｜>function<｜tool▁sep｜>web_search\n"
                  + "```json\n{\"query\": \"Tokyo hotels\"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>");

      assertThat(result.calls())
          .containsExactly(
              new Found("get_weather", "{\"city\": \"Tokyo\", \"unit\": \"celsius\"}"),
              new Found("web_search", "{\"query\": \"Tokyo hotels\"}"));
      assertThat(result.unreadable()).isEmpty();
      assertThat(result.rest()).isEqualTo("Let me check.");
    }

    @Test
    void deepSeekV31CallsWithPlainJsonAreEveryCall() {
      Result result =
          find(
              "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁sep｜>{\"city\": \"Paris\"}"
                  + "<｜tool▁call▁end｜><｜tool▁call▁begin｜>web_search<｜tool▁sep｜>{\"query\": \"x\"}"
                  + "<｜tool▁call▁end｜><｜tool▁calls▁end｜>");

      assertThat(result.calls())
          .containsExactly(
              new Found("get_weather", "{\"city\": \"Paris\"}"),
              new Found("web_search", "{\"query\": \"x\"}"));
      assertThat(result.rest()).isEmpty();
    }

    @Test
    void aDeepSeekSectionWithoutACompleteCallIsReported() {
      Result result =
          find(
              "<｜tool▁calls▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{\"city\": \"Tokyo\"}\n"
                  + "```<｜tool▁calls▁end｜>");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable())
          .isEqualTo("a DeepSeek tool-call section holds no complete call");
    }

    @Test
    void kimiK2CallsAreEveryCallWithoutTheirNamespaceAndIndex() {
      Result result =
          find(
              "I'll read it.<|tool_calls_section_begin|> <|tool_call_begin|> functions.read_url:0"
                  + " <|tool_call_argument_begin|> {\"url\": \"https://a.org\"} <|tool_call_end|>"
                  + " <|tool_call_begin|> functions.web_search:1 <|tool_call_argument_begin|>"
                  + " {\"query\": \"a\"} <|tool_call_end|> <|tool_calls_section_end|>");

      assertThat(result.calls())
          .containsExactly(
              new Found("read_url", "{\"url\": \"https://a.org\"}"),
              new Found("web_search", "{\"query\": \"a\"}"));
      assertThat(result.rest()).isEqualTo("I'll read it.");
    }

    @Test
    void aKimiSectionWhoseCallHasNoArgumentMarkerIsReported() {
      Result result =
          find(
              "<|tool_calls_section_begin|> <|tool_call_begin|> functions.web_search:3 {}"
                  + " <|tool_call_end|> <|tool_calls_section_end|>");

      assertThat(result.calls()).isEmpty();
      assertThat(result.unreadable()).isEqualTo("a Kimi tool-call section holds no complete call");
    }
  }

  @Nested
  class NotCalls {

    @Test
    void nothingIsFoundInNothing() {
      assertThat(TextToolCalls.find(null, TOOLS).hasMarkup()).isFalse();
      assertThat(find("  \n").hasMarkup()).isFalse();
    }

    @Test
    void plainProseIsNoCall() {
      Result result = find("The bridge opened in 1937 [S1].");

      assertThat(result.hasMarkup()).isFalse();
      assertThat(result.calls()).isEmpty();
    }

    @Test
    void proseMentioningJsonIsNoCall() {
      assertThat(
              find("The API answers {\"name\": \"web_search\", \"arguments\": {}} when asked,"
                      + " see [S2].")
                  .hasMarkup())
          .isFalse();
    }

    @Test
    void aJsonAnswerThatIsNotACallIsNoCall() {
      assertThat(find("{\"answer\": \"1937\", \"sources\": [\"S1\"]}").hasMarkup()).isFalse();
      assertThat(find("[1, 2, 3]").hasMarkup()).isFalse();
      assertThat(find("{\"name\": \"Golden Gate\", \"opened\": 1937}").hasMarkup()).isFalse();
    }

    @Test
    void bareJsonNamingAToolTheRunDoesNotHaveIsNoCall() {
      assertThat(find("{\"name\": \"delete_files\", \"arguments\": {\"path\": \"/\"}}").hasMarkup())
          .isFalse();
    }

    @Test
    void bareJsonWithMoreThanACallsFieldsIsAnAnswerNotACall() {
      assertThat(
              find("{\"name\": \"web_search\", \"arguments\": {}, \"id\": \"1\", \"type\":"
                      + " \"function\"}")
                  .hasMarkup())
          .isFalse();
    }

    @Test
    void bareJsonWithANameButNoArgumentsIsNoCall() {
      assertThat(find("{\"name\": \"web_search\"}").hasMarkup()).isFalse();
    }

    @Test
    void aBareListWithOneNonCallIsNoCallAtAll() {
      assertThat(
              find("[{\"name\": \"web_search\", \"arguments\": {}}, {\"name\": \"Paris\","
                      + " \"population\": 2100000}]")
                  .hasMarkup())
          .isFalse();
    }

    @Test
    void bareJsonFollowedByProseIsNoCall() {
      assertThat(
              find("{\"name\": \"web_search\", \"parameters\": {\"query\": \"q\"}} is what I'd send")
                  .hasMarkup())
          .isFalse();
    }

    @Test
    void bareJsonCallsWithADanglingSeparatorAreNoCall() {
      assertThat(find("{\"name\": \"web_search\", \"arguments\": {}};").hasMarkup()).isFalse();
      assertThat(find("{\"name\": \"web_search\", \"arguments\": {}}; ").hasMarkup()).isFalse();
    }

    @Test
    void brokenBareJsonIsNoCall() {
      assertThat(find("{\"name\": \"web_search\", \"parameters\": {invalid json}").hasMarkup())
          .isFalse();
      assertThat(find("{\"name\": \"web_search\", \"parameters\": {}}; not json").hasMarkup())
          .isFalse();
    }
  }
}
