package dev.researcher4j.core.trajectory.view;

import static dev.researcher4j.core.trajectory.view.Html.esc;
import static dev.researcher4j.core.trajectory.view.Html.human;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The timeline section: one collapsed line per step (number as the command line prints it, time
 * since the start, kind, tokens, duration, summary, in aligned columns), opening to what the step
 * sent and received. Long texts show their beginning, with the rest in a collapsed block, so each
 * character appears once. Not thread-safe: one per page.
 */
final class Timeline {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Trajectory t;
  private final StringBuilder out;
  private final Function<String, String> sourceLink;

  /**
   * @param sourceLink renders a source id as a link to its row (or marked, when unknown)
   */
  Timeline(Trajectory t, StringBuilder out, Function<String, String> sourceLink) {
    this.t = t;
    this.out = out;
    this.sourceLink = sourceLink;
  }

  /** The number the command line shows for {@code step} ("[step 3]") and the page uses. */
  static int number(Step step) {
    return step.index() + 1;
  }

  /** The element id of a step's entry. */
  static String id(Step step) {
    return "step-" + number(step);
  }

  void render() {
    out.append("<section id=\"timeline\">\n<h2>Timeline (")
        .append(Html.plural(t.steps().size(), "step", "steps"))
        .append(")</h2>\n");
    ChatRequest previous = null;
    for (Step step : t.steps()) {
      summary(step);
      if (!step.error().isEmpty()) {
        out.append("<p class=\"bad\">").append(esc(step.error())).append("</p>\n");
      }
      if (step.modelCall() != null) {
        modelCall(step.modelCall(), previous);
        previous = step.modelCall().request();
      }
      for (ToolExecution execution : step.toolExecutions()) {
        toolExecution(execution);
      }
      data(step);
      out.append("</details>\n");
    }
    out.append("</section>\n");
  }

  /** The step's one line, in columns: number, time since start, kind, tokens, duration, summary. */
  private void summary(Step step) {
    String kind = step.kind().name();
    String summary = step.summary().isEmpty() ? step.error() : step.summary();
    if (summary.isEmpty() && !step.toolExecutions().isEmpty()) {
      List<String> names = new ArrayList<>();
      step.toolExecutions().forEach(e -> names.add(e.call().name()));
      summary = String.join(", ", names);
    }
    out.append("<details class=\"step k-")
        .append(kind)
        .append("\" id=\"")
        .append(id(step))
        .append("\"><summary><span class=\"row\"><span class=\"num\">")
        .append(number(step))
        .append("</span><span class=\"at\">+")
        .append(human(Duration.between(t.header().startedAt(), step.startedAt())))
        .append("</span><span class=\"kind\">")
        .append(kind.toLowerCase(Locale.ROOT))
        .append("</span><span class=\"tok\">");
    if (step.usage().totalTokens() > 0) {
      out.append(Html.tokens(step.usage().inputTokens()))
          .append("→")
          .append(Html.tokens(step.usage().outputTokens()));
    }
    out.append("</span><span class=\"dur\">")
        .append(step.duration().isZero() ? "" : human(step.duration()))
        .append("</span><span class=\"sum\">")
        .append(esc(Html.cut(summary, 200)))
        .append("</span></span></summary>\n");
  }

  private void modelCall(ModelCall call, ChatRequest previous) {
    ChatRequest request = call.request();
    List<Message> messages = request.messages();
    int from = 0;
    if (!call.historyRewritten()
        && previous != null
        && previous.messages().size() <= messages.size()
        && messages.subList(0, previous.messages().size()).equals(previous.messages())) {
      from = previous.messages().size();
    }
    out.append("<details><summary>Sent ")
        .append(Html.plural(messages.size(), "message", "messages"))
        .append(from > 0 ? " (" + (messages.size() - from) + " new)" : "")
        .append(call.historyRewritten() ? " · history rewritten by context management" : "")
        .append("</summary>\n");
    for (Message m : messages.subList(from, messages.size())) {
      message(m);
    }
    out.append("</details>\n");
    ChatResponse response = call.response();
    Message reply = response.message();
    if (!reply.reasoning().isEmpty()) {
      out.append("<details><summary>Reasoning (")
          .append(reply.reasoning().length())
          .append(" characters)</summary>\n<pre>")
          .append(esc(reply.reasoning()))
          .append("</pre>\n</details>\n");
    }
    text("Reply", reply.content());
    if (reply.hasToolCalls()) {
      out.append("<p class=\"dim\">Asked for ")
          .append(Html.plural(reply.toolCalls().size(), "tool call", "tool calls"))
          .append("</p>\n<ul class=\"calls\">\n");
      for (ToolCall c : reply.toolCalls()) {
        out.append("<li><code>")
            .append(esc(c.name()))
            .append("</code> <span class=\"args\">")
            .append(esc(c.arguments()))
            .append("</span> <span class=\"dim\">")
            .append(esc(c.id()))
            .append("</span></li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("<p class=\"dim\">finish: ")
        .append(esc(response.finishReason().name()))
        .append(response.model().isEmpty() ? "" : " · model " + esc(response.model()))
        .append(" · latency ")
        .append(human(response.latency()))
        .append(" · ")
        .append(response.usage().inputTokens())
        .append(" in / ")
        .append(response.usage().outputTokens())
        .append(" out")
        .append(tokenIds(response.tokens()))
        .append("</p>\n");
    retries(response.retries());
  }

  private void retries(List<RetryAttempt> retries) {
    if (retries.isEmpty()) {
      return;
    }
    out.append("<details><summary class=\"warn\">")
        .append(retries.size())
        .append(retries.size() == 1 ? " retry" : " retries")
        .append("</summary>\n<ul>\n");
    for (RetryAttempt r : retries) {
      out.append("<li>attempt ")
          .append(r.attempt())
          .append(": ")
          .append(esc(r.errorType()))
          .append(r.statusCode() == 0 ? "" : " (HTTP " + r.statusCode() + ")")
          .append(" ")
          .append(esc(r.error()))
          .append(" — waited ")
          .append(human(r.delay()))
          .append("</li>\n");
    }
    out.append("</ul>\n</details>\n");
  }

  private static String tokenIds(TokenTrace tokens) {
    if (tokens.isEmpty()) {
      return "";
    }
    return " · token ids: "
        + tokens.promptTokenIds().size()
        + " prompt, "
        + tokens.completionTokenIds().size()
        + " completion"
        + (tokens.logprobs().isEmpty() ? "" : ", with logprobs");
  }

  /** A message sent: its role, the calls it made, its text (no empty box when it has none). */
  private void message(Message m) {
    String label = m.role().name().toLowerCase(Locale.ROOT);
    if (!m.toolCallId().isEmpty()) {
      label += " → " + m.toolCallId();
    }
    if (m.hasToolCalls()) {
      List<String> calls = new ArrayList<>();
      m.toolCalls().forEach(c -> calls.add(c.name() + " " + c.arguments()));
      label += " (called " + String.join("; ", calls) + ")";
    }
    if (m.content().isEmpty()) {
      out.append("<p class=\"dim\">").append(esc(label)).append("</p>\n");
    } else {
      text(label, m.content());
    }
  }

  private void toolExecution(ToolExecution e) {
    out.append("<details class=\"tool\"><summary><span class=\"")
        .append(e.status().isFailure() ? "bad" : "ok")
        .append("\">")
        .append(esc(e.call().name()))
        .append(" ")
        .append(e.status().name())
        .append("</span> <span class=\"dim\">")
        .append(esc(e.call().id()))
        .append(" · ")
        .append(human(e.duration()))
        .append(e.attempts() > 1 ? " · " + e.attempts() + " attempts" : "")
        .append(e.truncated() ? " · shown to the model cut short" : "")
        .append("</span>");
    if (!e.sourceIds().isEmpty()) {
      out.append(" sources");
      for (String id : e.sourceIds()) {
        out.append(" ").append(sourceLink.apply(id));
      }
    }
    out.append("</summary>\n<p class=\"dim\">arguments</p>\n<pre>")
        .append(esc(e.call().arguments()))
        .append("</pre>\n");
    text("result", e.result().content());
    if (!e.childRunIds().isEmpty()) {
      out.append("<p class=\"dim\">started runs ")
          .append(esc(String.join(", ", e.childRunIds())))
          .append("</p>\n");
    }
    out.append("</details>\n");
  }

  private void data(Step step) {
    JsonNode data = step.data();
    if (data.isNull() || data.isMissingNode() || data.isEmpty()) {
      return;
    }
    JsonNode citations = data.path("citations");
    if (citations.isArray() && !citations.isEmpty()) {
      out.append(
          "<div class=\"scroll\"><table>\n"
              + "<tr><th>source</th><th>verdict</th><th>claim</th></tr>\n");
      for (JsonNode c : citations) {
        String support = c.path("support").asText();
        String note = c.path("note").asText();
        out.append("<tr><td>")
            .append(sourceLink.apply(c.path("source_id").asText()))
            .append("</td><td class=\"")
            .append(support.equals("SUPPORTED") ? "ok" : "bad")
            .append("\">")
            .append(esc(support))
            .append("</td><td>")
            .append(esc(c.path("claim").asText()))
            .append(note.isEmpty() ? "" : " — " + esc(note))
            .append("</td></tr>\n");
      }
      out.append("</table></div>\n");
    }
    String pretty;
    try {
      pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(data);
    } catch (JsonProcessingException e) {
      pretty = data.toString();
    }
    out.append("<details><summary>Details</summary>\n<pre>")
        .append(esc(pretty))
        .append("</pre>\n</details>\n");
  }

  /**
   * A labelled text: short ones in full; long ones as their first {@value
   * TrajectoryHtml#PREVIEW_CHARS} characters (cut at a line or word end when one is near) and the
   * rest in a collapsed block, so opening it continues the text instead of repeating it. Nothing at
   * all for an empty text.
   */
  void text(String label, String text) {
    if (text.isEmpty()) {
      return;
    }
    out.append("<p class=\"dim\">").append(esc(label)).append("</p>\n");
    if (text.length() <= TrajectoryHtml.PREVIEW_CHARS + TrajectoryHtml.PREVIEW_CHARS / 4) {
      out.append("<pre>").append(esc(text)).append("</pre>\n");
      return;
    }
    int cut = cutAt(text, TrajectoryHtml.PREVIEW_CHARS);
    String rest = text.substring(cut);
    out.append("<pre class=\"preview\">")
        .append(esc(text.substring(0, cut)))
        .append("</pre>\n<details class=\"more\"><summary>")
        .append(String.format(Locale.ROOT, "%,d more characters", rest.length()))
        .append("</summary>\n<pre class=\"rest\">")
        .append(esc(rest))
        .append("</pre>\n</details>\n");
  }

  /** Where to end a preview of about {@code max} characters: after a line or word if near. */
  static int cutAt(String text, int max) {
    int line = text.lastIndexOf('\n', max);
    if (line >= max * 3 / 4) {
      return line + 1;
    }
    int space = text.lastIndexOf(' ', max);
    if (space >= max * 3 / 4) {
      return space + 1;
    }
    return Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
  }
}
