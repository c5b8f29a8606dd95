package dev.researcher4j.core.internal.loop;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds tool calls that a model wrote as text instead of through the API's function calling. A
 * server without a tool-call parser for its model (common with local models) passes the model's
 * markup through as the reply's content; the run must run those calls, never present the markup as
 * an answer.
 *
 * <p>Recognised: Hermes / Qwen {@code <tool_call>{"name": …, "arguments": …}</tool_call>} (also
 * unclosed, and GLM's and Qwen3-Coder's XML bodies), Mistral {@code [TOOL_CALLS] [...]} and {@code
 * [TOOL_CALLS]name[ARGS]{...}} (also with v11's {@code [CALL_ID]id}, or without the {@code [ARGS]}
 * that a detokenizer dropped), Llama {@code <|python_tag|>{...}} and {@code
 * <function=name>{...}</function>}, IBM Granite {@code <|tool_call|>[...]}, DeepSeek's {@code
 * <｜tool▁call▁begin｜>} blocks, Kimi K2's {@code <|tool_call_begin|>} sections, and — only when it
 * is the whole reply and names one of the run's tools — a bare JSON object or array of calls. JSON
 * calls may follow each other separated by {@code ;} (Llama 3.x).
 *
 * <p>Pure and thread-safe.
 */
public final class TextToolCalls {
  private TextToolCalls() {}

  /** A call found in the text. */
  public record Found(String name, String arguments) {}

  /**
   * What was found in a reply.
   *
   * @param calls the calls, in order
   * @param rest the reply's text with the markup removed
   * @param unreadable why markup that looks like a tool call could not be read, or empty
   */
  public record Result(List<Found> calls, String rest, String unreadable) {
    /** Whether the text held any tool-call markup at all. */
    public boolean hasMarkup() {
      return !calls.isEmpty() || !unreadable.isEmpty();
    }
  }

  private static final Result NONE = new Result(List.of(), "", "");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final Pattern HERMES =
      Pattern.compile("(?s)<tool_call>(.*?)(?:</tool_call>|$)", Pattern.CASE_INSENSITIVE);
  private static final Pattern FUNCTION_TAG =
      Pattern.compile("(?s)<function=([\\w.\\-]+)>(.*?)(?:</function>|$)");
  private static final Pattern PARAMETER_TAG =
      Pattern.compile("(?s)<parameter=([\\w.\\-]+)>\\s*(.*?)\\s*</parameter>");
  private static final Pattern ARG_PAIR =
      Pattern.compile("(?s)<arg_key>\\s*(.*?)\\s*</arg_key>\\s*<arg_value>(.*?)</arg_value>");
  private static final Pattern TOOL_NAME = Pattern.compile("[\\w.\\-]+");
  // The markers below are followed by JSON, which is parsed to find where each call ends.
  private static final Pattern MISTRAL_NAMED =
      Pattern.compile(
          "\\[TOOL_CALLS\\]\\s*([\\w.\\-]+)\\s*(?:\\[CALL_ID\\]\\s*[\\w\\-]*\\s*)?(?:\\[ARGS\\]|(?=\\{))");
  private static final Pattern MISTRAL_LIST = Pattern.compile("\\[TOOL_CALLS\\](?=\\s*\\[)");
  private static final Pattern GRANITE = Pattern.compile("<\\|tool_call\\|>");
  private static final Pattern PYTHON_TAG = Pattern.compile("<\\|python_tag\\|>");
  private static final Pattern DEEPSEEK_CALL =
      Pattern.compile(
          "(?s)<｜tool▁call▁begin｜>\\s*(?:function\\s*<｜tool▁sep｜>\\s*([\\w.\\-]+)|([\\w.\\-]+)\\s*<｜tool▁sep｜>)\\s*(.*?)\\s*<｜tool▁call▁end｜>");
  private static final Pattern DEEPSEEK_SECTION =
      Pattern.compile("(?s)<｜tool▁calls▁begin｜>.*?(?:<｜tool▁calls▁end｜>|$)");
  private static final Pattern KIMI_CALL =
      Pattern.compile(
          "(?s)<\\|tool_call_begin\\|>\\s*(?:functions\\.)?([\\w.\\-]+?)(?::\\d+)?\\s*<\\|tool_call_argument_begin\\|>\\s*(.*?)\\s*<\\|tool_call_end\\|>");
  private static final Pattern KIMI_SECTION =
      Pattern.compile(
          "(?s)<\\|tool_calls_section_begin\\|>.*?(?:<\\|tool_calls_section_end\\|>|$)");
  private static final Pattern CODE_FENCE =
      Pattern.compile("(?s)^\\s*```(?:json)?\\s*(.*?)\\s*```\\s*$");
  private static final Pattern LOOKS_LIKE_MARKUP =
      Pattern.compile(
          "<tool_call>|<function=|\\[TOOL_CALLS\\]|<\\|python_tag\\|>|<\\|tool_call\\|>"
              + "|<｜tool▁call|<\\|tool_call_begin\\|>|<\\|tool_calls_section_begin\\|>",
          Pattern.CASE_INSENSITIVE);

  /**
   * The tool calls written in {@code text}.
   *
   * @param toolNames the run's tools; a bare JSON reply counts as a call only if it names one
   */
  public static Result find(String text, Set<String> toolNames) {
    if (text == null || text.isBlank()) {
      return NONE;
    }
    if (!LOOKS_LIKE_MARKUP.matcher(text).find()) {
      return bareJson(text, toolNames);
    }
    List<Found> calls = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String rest = text;
    rest = extract(rest, KIMI_SECTION, section -> kimi(section, calls, problems));
    rest = extract(rest, DEEPSEEK_SECTION, section -> deepSeek(section, calls, problems));
    rest = extract(rest, HERMES, m -> hermesBody(m.group(1), calls, problems));
    rest = extract(rest, FUNCTION_TAG, m -> functionTag(m.group(1), m.group(2), calls, problems));
    rest =
        extractJson(
            rest,
            MISTRAL_NAMED,
            false,
            (m, json) -> add(m.group(1), json.texts().get(0), calls, problems),
            problems);
    rest =
        extractJson(
            rest,
            MISTRAL_LIST,
            true,
            (m, json) -> callsIn(json.values(), calls, problems),
            problems);
    rest =
        extractJson(
            rest, GRANITE, true, (m, json) -> callsIn(json.values(), calls, problems), problems);
    rest =
        extractJson(
            rest, PYTHON_TAG, true, (m, json) -> callsIn(json.values(), calls, problems), problems);
    if (calls.isEmpty() && problems.isEmpty()) {
      problems.add("it holds tool-call markup in no form this agent reads");
    }
    return new Result(List.copyOf(calls), rest.strip(), String.join("; ", problems));
  }

  private interface Reader {
    void read(Matcher match);
  }

  private interface JsonReader {
    void read(Matcher marker, Leading json);
  }

  /**
   * JSON values at the start of a text.
   *
   * @param values the values, in order
   * @param texts each value as written
   * @param end where the last value ends
   */
  private record Leading(List<JsonNode> values, List<String> texts, int end) {}

  private static String extract(String text, Pattern pattern, Reader reader) {
    Matcher m = pattern.matcher(text);
    StringBuilder rest = new StringBuilder();
    int last = 0;
    while (m.find()) {
      reader.read(m);
      rest.append(text, last, m.start());
      last = m.end();
    }
    return last == 0 ? text : rest.append(text.substring(last)).toString();
  }

  /**
   * Removes each {@code marker} and the JSON after it from {@code text}, handing both to {@code
   * reader}; JSON that does not parse makes the rest of the text part of the unreadable call.
   */
  private static String extractJson(
      String text, Pattern marker, boolean several, JsonReader reader, List<String> problems) {
    Matcher m = marker.matcher(text);
    StringBuilder rest = new StringBuilder();
    int last = 0;
    while (m.find(last)) {
      rest.append(text, last, m.start());
      Leading json = leadingValues(text, m.end(), several);
      if (json == null) {
        problems.add("its JSON could not be parsed");
        return rest.toString();
      }
      reader.read(m, json);
      last = json.end();
    }
    return rest.append(text.substring(last)).toString();
  }

  private static void hermesBody(String body, List<Found> calls, List<String> problems) {
    String inner = body.strip();
    Matcher function = FUNCTION_TAG.matcher(inner);
    if (function.find()) {
      functionTag(function.group(1), function.group(2), calls, problems);
    } else if (inner.startsWith("{") || inner.startsWith("[")) {
      jsonCalls(inner, calls, problems);
    } else if (ARG_PAIR.matcher(inner).find() || TOOL_NAME.matcher(inner).matches()) {
      // GLM: the name (in 4.5 followed by a line break), then <arg_key>/<arg_value> pairs.
      Matcher name = TOOL_NAME.matcher(inner);
      ObjectNode arguments = JSON.createObjectNode();
      Matcher pair = ARG_PAIR.matcher(inner);
      while (pair.find()) {
        arguments.set(pair.group(1), scalar(pair.group(2)));
      }
      add(name.lookingAt() ? name.group() : "", arguments.toString(), calls, problems);
    } else {
      problems.add("a <tool_call> block holds neither JSON nor a named call");
    }
  }

  private static void functionTag(
      String name, String body, List<Found> calls, List<String> problems) {
    String inner = body.strip();
    if (inner.startsWith("{")) {
      add(name, inner, calls, problems);
      return;
    }
    ObjectNode arguments = JSON.createObjectNode();
    Matcher parameter = PARAMETER_TAG.matcher(inner);
    while (parameter.find()) {
      arguments.set(parameter.group(1), scalar(parameter.group(2)));
    }
    if (arguments.isEmpty() && !inner.isEmpty()) {
      problems.add("the arguments of <function=" + name + "> are neither JSON nor parameters");
      return;
    }
    calls.add(new Found(name, arguments.toString()));
  }

  private static void deepSeek(Matcher section, List<Found> calls, List<String> problems) {
    Matcher call = DEEPSEEK_CALL.matcher(section.group());
    boolean any = false;
    while (call.find()) {
      any = true;
      String name = call.group(1) != null ? call.group(1) : call.group(2);
      add(name, unfenced(call.group(3)), calls, problems);
    }
    if (!any) {
      problems.add("a DeepSeek tool-call section holds no complete call");
    }
  }

  private static void kimi(Matcher section, List<Found> calls, List<String> problems) {
    Matcher call = KIMI_CALL.matcher(section.group());
    boolean any = false;
    while (call.find()) {
      any = true;
      add(call.group(1), call.group(2), calls, problems);
    }
    if (!any) {
      problems.add("a Kimi tool-call section holds no complete call");
    }
  }

  /** One call with its arguments as JSON text; arguments that are not JSON are kept as written. */
  private static void add(String name, String arguments, List<Found> calls, List<String> problems) {
    if (name == null || name.isBlank()) {
      problems.add("a tool call names no tool");
      return;
    }
    calls.add(new Found(name.strip(), arguments == null ? "{}" : arguments.strip()));
  }

  /** JSON objects or arrays of {@code {"name", "arguments" | "parameters"}} calls. */
  private static void jsonCalls(String text, List<Found> calls, List<String> problems) {
    Leading json = leadingValues(unfenced(text), 0, true);
    if (json == null) {
      problems.add("its JSON could not be parsed");
      return;
    }
    callsIn(json.values(), calls, problems);
  }

  private static void callsIn(List<JsonNode> values, List<Found> calls, List<String> problems) {
    for (JsonNode item : items(values)) {
      JsonNode call =
          item.has("function") && item.get("function").isObject() ? item.get("function") : item;
      String name = call.path("name").asText("");
      JsonNode arguments = argumentsOf(call);
      if (name.isBlank()) {
        problems.add("a tool call names no tool");
        continue;
      }
      calls.add(
          new Found(
              name,
              arguments == null
                  ? "{}"
                  : arguments.isTextual() ? arguments.asText() : arguments.toString()));
    }
  }

  private static JsonNode argumentsOf(JsonNode call) {
    for (String key : new String[] {"arguments", "parameters", "args", "input"}) {
      if (call.has(key)) {
        return call.get(key);
      }
    }
    return null;
  }

  /** A whole reply that is only JSON calls (or lists of them) naming the run's tools. */
  private static Result bareJson(String text, Set<String> toolNames) {
    String inner = unfenced(text.strip());
    Leading json = leadingValues(inner, 0, true);
    if (json == null || json.end() != inner.length()) {
      return NONE;
    }
    List<Found> calls = new ArrayList<>();
    for (JsonNode item : items(json.values())) {
      String name = item.path("name").asText("");
      JsonNode arguments = argumentsOf(item);
      if (!toolNames.contains(name) || arguments == null || item.size() > 3) {
        return NONE; // a JSON answer, not a call
      }
      calls.add(new Found(name, arguments.isTextual() ? arguments.asText() : arguments.toString()));
    }
    return calls.isEmpty() ? NONE : new Result(List.copyOf(calls), "", "");
  }

  /** The calls in {@code values}: an array stands for its elements. */
  private static List<JsonNode> items(List<JsonNode> values) {
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode value : values) {
      if (value.isArray()) {
        value.forEach(items::add);
      } else {
        items.add(value);
      }
    }
    return items;
  }

  /**
   * The JSON object or array at {@code from} in {@code text} (or, when {@code several}, the ones
   * there separated by {@code ;}), with where they end; null when none parses there.
   */
  private static Leading leadingValues(String text, int from, boolean several) {
    List<JsonNode> values = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    int end = from;
    int at = skipSpace(text, from);
    while (at < text.length() && (text.charAt(at) == '{' || text.charAt(at) == '[')) {
      String tail = text.substring(at);
      JsonNode value;
      int length;
      try (JsonParser parser = JSON.createParser(tail)) {
        value = JSON.readTree(parser);
        length = (int) parser.currentLocation().getCharOffset();
      } catch (java.io.IOException | RuntimeException e) {
        break;
      }
      values.add(value);
      texts.add(tail.substring(0, length));
      end = at + length;
      int next = skipSpace(text, end);
      if (!several || next == text.length() || text.charAt(next) != ';') {
        break;
      }
      at = skipSpace(text, next + 1);
    }
    return values.isEmpty() ? null : new Leading(values, texts, end);
  }

  private static int skipSpace(String text, int from) {
    int at = from;
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  /** The first JSON value at the start of {@code text}, ignoring what follows; null if none. */
  private static JsonNode parseLeading(String text) {
    try (var parser = JSON.createParser(text)) {
      return JSON.readTree(parser);
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static String unfenced(String text) {
    Matcher fence = CODE_FENCE.matcher(text);
    return fence.matches() ? fence.group(1) : text.strip();
  }

  /** A parameter value: JSON when it parses as JSON, else the text itself. */
  private static JsonNode scalar(String value) {
    String v = value.strip();
    if (v.startsWith("{") || v.startsWith("[") || v.matches("-?\\d+(\\.\\d+)?|true|false|null")) {
      JsonNode parsed = parseLeading(v);
      if (parsed != null) {
        return parsed;
      }
    }
    return JSON.getNodeFactory().textNode(v);
  }
}
