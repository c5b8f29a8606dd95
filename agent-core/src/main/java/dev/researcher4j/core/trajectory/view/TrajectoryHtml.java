package dev.researcher4j.core.trajectory.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.internal.cite.SourceIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Renders a {@link Trajectory} as one self-contained HTML page: the question, the answer and the
 * report with clickable citations ({@code [S3]} jumps to the source's row), totals (tokens, cost,
 * time), a timeline of every step (plan, model turns with reasoning collapsed, tool calls with
 * arguments and results, verification verdicts, compactions, retries, errors), and the sources.
 *
 * <p>The page loads nothing: no scripts, fonts, style sheets or images, inline or external; styles
 * are one small inline block; collapsing uses {@code <details>} elements; a Content-Security-Policy
 * forbids everything else. It opens offline and can be mailed or attached to a bug report.
 *
 * <p>Every text from pages, tools and models is HTML-escaped, and characters XML does not allow are
 * replaced, so what a page says cannot become markup in the view; source addresses are shown as
 * text, never as links (so neither {@code javascript:} nor any other address is live), and the only
 * links are the page's own anchors. The markup is well-formed XML (XHTML-compatible HTML5), so
 * tools can parse it back.
 *
 * <p>Long runs stay readable: every step is collapsed to one line until opened, and texts longer
 * than {@value #PREVIEW_CHARS} characters show a preview with the full text in a collapsed block.
 * Stateless and thread-safe.
 */
public final class TrajectoryHtml {
  private TrajectoryHtml() {}

  /** How much of a long text is shown before it is folded away. */
  public static final int PREVIEW_CHARS = 600;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:72em;padding:0 1em;color:#1d1d1f;background:#fff}
      h1{font-size:1.5em;margin:.2em 0}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
      .meta{color:#666}.meta span{margin-right:1.2em}
      pre,.text{white-space:pre-wrap;word-break:break-word;background:#f6f6f8;padding:.5em;margin:.3em 0;border-radius:4px;font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}
      .report{white-space:pre-wrap;word-break:break-word}
      details{margin:.15em 0}details.step{border-left:3px solid #ccc;padding-left:.6em;margin:.3em 0}
      summary{cursor:pointer}.step>summary{font-weight:500}
      .kind{display:inline-block;min-width:6.5em;font:12px ui-monospace,Menlo,Consolas,monospace;color:#444}
      .num,.dim{color:#888;font-size:12px}
      .k-PLAN{border-color:#8e6fd8}.k-MODEL{border-color:#3b82f6}.k-TOOLS{border-color:#10b981}
      .k-VERIFY{border-color:#f59e0b}.k-COMPACTION{border-color:#64748b}.k-FINAL{border-color:#111}
      .k-ERROR,.bad{border-color:#dc2626;color:#b91c1c}
      .ok{color:#047857}.warn{color:#b45309}
      table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top}
      .url{font:12px ui-monospace,Menlo,Consolas,monospace;word-break:break-all;color:#374151}
      .cited{font-weight:600}a{color:#2563eb}
      """;

  /** Writes the page of {@code trajectory} to {@code file} (UTF-8), replacing it. */
  public static void write(Trajectory trajectory, Path file) throws IOException {
    Objects.requireNonNull(file, "file is required, but was null");
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, render(trajectory), StandardCharsets.UTF_8);
  }

  /** The page of {@code trajectory}. */
  public static String render(Trajectory trajectory) {
    Objects.requireNonNull(trajectory, "trajectory is required, but was null");
    return new Page(trajectory).render();
  }

  /** One page being written. */
  private static final class Page {
    private final Trajectory t;
    private final StringBuilder out = new StringBuilder(64 * 1024);
    private final Map<String, Source> sources = new LinkedHashMap<>();

    Page(Trajectory t) {
      this.t = t;
      for (Step step : t.steps()) {
        for (ToolExecution execution : step.toolExecutions()) {
          for (Source source : execution.result().sources()) {
            if (!source.id().isEmpty()) {
              sources.put(source.id(), source);
            }
          }
        }
      }
      if (t.outcome() != null) {
        t.outcome().sources().forEach(s -> sources.putIfAbsent(s.id(), s));
      }
    }

    String render() {
      TrajectoryHeader h = t.header();
      out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
      out.append(
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
              + " 'unsafe-inline'\"/>\n");
      out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
      out.append("<title>").append(esc("researcher4j run: " + cut(h.task().question(), 80)));
      out.append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
      header(h);
      answer();
      totals();
      timeline();
      sourceTable();
      grades();
      out.append("<p class=\"dim\">")
          .append(esc(h.schema()))
          .append(" · recorded by researcher4j ")
          .append(esc(h.sdkVersion()))
          .append("</p>\n</body>\n</html>\n");
      return out.toString();
    }

    private void header(TrajectoryHeader h) {
      out.append("<header>\n<h1 id=\"question\">")
          .append(esc(h.task().question()))
          .append("</h1>\n");
      out.append("<p class=\"meta\">");
      meta("run", h.runId());
      meta("task", h.task().id() + " · attempt " + h.task().attempt());
      if (!h.task().groupId().equals(h.task().id())) {
        meta("group", h.task().groupId());
      }
      meta("model", (h.model().provider() + " " + h.model().model()).strip());
      meta("started", h.startedAt().toString());
      if (!h.parentRunId().isEmpty()) {
        meta("parent run", h.parentRunId());
      }
      meta(
          "status",
          t.outcome() == null
              ? "unfinished (no outcome recorded)"
              : t.outcome().stopReason().name());
      out.append("</p>\n");
      if (!h.task().instructions().isEmpty()) {
        out.append("<p>Instructions: ").append(esc(h.task().instructions())).append("</p>\n");
      }
      out.append("</header>\n");
    }

    private void meta(String label, String value) {
      out.append("<span>").append(esc(label)).append(": ").append(esc(value)).append("</span>");
    }

    private void answer() {
      Outcome outcome = t.outcome();
      out.append("<section id=\"answer\">\n<h2>Answer</h2>\n");
      if (outcome == null) {
        out.append("<p class=\"warn\">The run did not finish.</p>\n</section>\n");
        return;
      }
      if (!outcome.error().isEmpty()) {
        out.append("<p class=\"bad\">").append(esc(outcome.error())).append("</p>\n");
      }
      if (!outcome.answer().isEmpty()) {
        out.append("<p><strong>").append(cited(outcome.answer())).append("</strong></p>\n");
      }
      if (!outcome.report().isEmpty()) {
        out.append("<div class=\"report\">").append(cited(outcome.report())).append("</div>\n");
      }
      List<Citation> flagged = outcome.unsupportedCitations();
      if (!flagged.isEmpty()) {
        out.append("<details><summary class=\"warn\">")
            .append(flagged.size())
            .append(" citation")
            .append(flagged.size() == 1 ? "" : "s")
            .append(" not supported by their source</summary>\n<ul>\n");
        for (Citation c : flagged) {
          out.append("<li>")
              .append(sourceLink(c.sourceId()))
              .append(" ")
              .append(esc(c.support().name()))
              .append(": ")
              .append(esc(c.claim()))
              .append(c.note().isEmpty() ? "" : " — " + esc(c.note()))
              .append("</li>\n");
        }
        out.append("</ul>\n</details>\n");
      }
      out.append("</section>\n");
    }

    private void totals() {
      RunTotals totals = t.totals();
      Usage u = totals.usage();
      out.append("<section id=\"totals\">\n<h2>Totals</h2>\n<table>\n");
      row(
          "Tokens",
          u.inputTokens()
              + " in ("
              + u.cachedInputTokens()
              + " cached), "
              + u.outputTokens()
              + " out ("
              + u.reasoningTokens()
              + " reasoning)");
      row("Cost", String.format(Locale.ROOT, "$%.4f", u.costUsd()));
      row("Time", human(totals.elapsed()));
      row("Steps", totals.steps() + " (" + totals.modelCalls() + " model calls)");
      row("Tool calls", totals.toolCalls() + " (" + totals.failedToolCalls() + " failed)");
      row("Sources", String.valueOf(totals.sources()));
      out.append("</table>\n</section>\n");
    }

    private void row(String label, String value) {
      out.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value));
      out.append("</td></tr>\n");
    }

    private void timeline() {
      out.append("<section id=\"timeline\">\n<h2>Timeline (")
          .append(t.steps().size())
          .append(" steps)</h2>\n");
      ChatRequest previous = null;
      for (Step step : t.steps()) {
        String kind = step.kind().name();
        out.append("<details class=\"step k-")
            .append(kind)
            .append("\" id=\"step-")
            .append(step.index())
            .append("\"><summary><span class=\"num\">#")
            .append(step.index())
            .append(" +")
            .append(human(Duration.between(t.header().startedAt(), step.startedAt())))
            .append("</span> <span class=\"kind\">")
            .append(kind)
            .append("</span> ")
            .append(esc(cut(step.summary().isEmpty() ? step.error() : step.summary(), 200)));
        if (step.usage().totalTokens() > 0) {
          out.append(" <span class=\"dim\">")
              .append(step.usage().inputTokens())
              .append("→")
              .append(step.usage().outputTokens())
              .append(" tokens</span>");
        }
        if (!step.duration().isZero()) {
          out.append(" <span class=\"dim\">").append(human(step.duration())).append("</span>");
        }
        out.append("</summary>\n");
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
          .append(messages.size())
          .append(" messages")
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
      if (!reply.content().isEmpty()) {
        text("Reply", reply.content());
      }
      if (reply.hasToolCalls()) {
        out.append("<p>Asked for ").append(reply.toolCalls().size()).append(" tool call(s):</p>\n");
        for (ToolCall c : reply.toolCalls()) {
          out.append("<pre>")
              .append(esc(c.id() + " " + c.name() + " " + c.arguments()))
              .append("</pre>\n");
        }
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
          .append(tokens(response.tokens()))
          .append("</p>\n");
      if (!response.retries().isEmpty()) {
        out.append("<details><summary class=\"warn\">")
            .append(response.retries().size())
            .append(" retr")
            .append(response.retries().size() == 1 ? "y" : "ies")
            .append("</summary>\n<ul>\n");
        for (RetryAttempt r : response.retries()) {
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
    }

    private String tokens(TokenTrace tokens) {
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

    private void message(Message m) {
      String label = m.role().name().toLowerCase(Locale.ROOT);
      if (!m.toolCallId().isEmpty()) {
        label += " → " + m.toolCallId();
      }
      if (m.hasToolCalls()) {
        List<String> calls = new ArrayList<>();
        m.toolCalls().forEach(c -> calls.add(c.name() + " " + c.arguments()));
        label += " (calls " + String.join("; ", calls) + ")";
      }
      text(label, m.content());
    }

    private void toolExecution(ToolExecution e) {
      String status = e.status().name();
      out.append("<details class=\"tool\"><summary><span class=\"")
          .append(e.status().isFailure() ? "bad" : "ok")
          .append("\">")
          .append(esc(e.call().name()))
          .append(" ")
          .append(status)
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
          out.append(" ").append(sourceLink(id));
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
        out.append("<table>\n<tr><th>source</th><th>verdict</th><th>claim</th></tr>\n");
        for (JsonNode c : citations) {
          String support = c.path("support").asText();
          out.append("<tr><td>")
              .append(sourceLink(c.path("source_id").asText()))
              .append("</td><td class=\"")
              .append(support.equals("SUPPORTED") ? "ok" : "bad")
              .append("\">")
              .append(esc(support))
              .append("</td><td>")
              .append(esc(c.path("claim").asText()))
              .append(c.path("note").asText().isEmpty() ? "" : " — " + esc(c.path("note").asText()))
              .append("</td></tr>\n");
        }
        out.append("</table>\n");
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

    /** A labelled text: short ones in full, long ones as a preview with the rest folded. */
    private void text(String label, String text) {
      out.append("<p class=\"dim\">").append(esc(label)).append("</p>\n");
      if (text.length() <= PREVIEW_CHARS) {
        out.append("<pre>").append(esc(text)).append("</pre>\n");
        return;
      }
      out.append("<pre class=\"preview\">")
          .append(esc(text.substring(0, PREVIEW_CHARS)))
          .append("…</pre>\n<details><summary>All ")
          .append(text.length())
          .append(" characters</summary>\n<pre>")
          .append(esc(text))
          .append("</pre>\n</details>\n");
    }

    private void sourceTable() {
      out.append("<section id=\"sources\">\n<h2>Sources (")
          .append(sources.size())
          .append(")</h2>\n");
      if (sources.isEmpty()) {
        out.append("<p class=\"dim\">none</p>\n</section>\n");
        return;
      }
      List<String> cited =
          t.outcome() == null ? List.of() : t.outcome().sources().stream().map(Source::id).toList();
      out.append("<table>\n<tr><th>id</th><th>title and address</th><th>seen</th></tr>\n");
      for (Source s : sources.values()) {
        out.append("<tr id=\"")
            .append(anchor(s.id()))
            .append("\"")
            .append(cited.contains(s.id()) ? " class=\"cited\"" : "")
            .append("><td>")
            .append(esc(s.id()))
            .append("</td><td>")
            .append(esc(s.title().isEmpty() ? "(untitled)" : s.title()))
            .append(" <span class=\"dim\">")
            .append(esc(s.kind().name().toLowerCase(Locale.ROOT)))
            .append("</span><br/><span class=\"url\">")
            .append(esc(s.url()))
            .append("</span></td><td>");
        if (!s.excerpts().isEmpty()) {
          out.append("<details><summary>")
              .append(s.excerpts().size())
              .append(" excerpt")
              .append(s.excerpts().size() == 1 ? "" : "s")
              .append("</summary>\n");
          for (String excerpt : s.excerpts()) {
            out.append("<pre>").append(esc(cut(excerpt, 4 * PREVIEW_CHARS))).append("</pre>\n");
          }
          out.append("</details>");
        }
        out.append("</td></tr>\n");
      }
      out.append("</table>\n</section>\n");
    }

    private void grades() {
      if (t.grades().isEmpty() && t.reward() == null) {
        return;
      }
      out.append("<section id=\"grades\">\n<h2>Grades</h2>\n<table>\n");
      for (Grade g : t.grades()) {
        row(
            g.grader() + (g.judgeModel().isEmpty() ? "" : " (" + g.judgeModel() + ")"),
            g.label().name()
                + String.format(Locale.ROOT, " · score %.2f", g.score())
                + (g.extractedAnswer().isEmpty() ? "" : " · read as: " + g.extractedAnswer())
                + (g.explanation().isEmpty() ? "" : " · " + g.explanation()));
      }
      Reward r = t.reward();
      if (r != null) {
        StringBuilder parts = new StringBuilder();
        r.components()
            .forEach((k, v) -> parts.append(String.format(Locale.ROOT, " · %s %.3f", k, v)));
        row("Reward", String.format(Locale.ROOT, "%.3f", r.value()) + parts);
      }
      out.append("</table>\n</section>\n");
    }

    /** Text with citation markers turned into links to the source rows. */
    private String cited(String text) {
      StringBuilder html = new StringBuilder();
      Matcher m = SourceIds.MARKER.matcher(text);
      int last = 0;
      while (m.find()) {
        html.append(esc(text.substring(last, m.start())));
        List<String> ids = SourceIds.idsIn(m.group(1));
        html.append('[');
        for (int i = 0; i < ids.size(); i++) {
          html.append(i == 0 ? "" : ", ").append(sourceLink(ids.get(i)));
        }
        html.append(']');
        last = m.end();
      }
      html.append(esc(text.substring(last)));
      return html.toString();
    }

    /** A link to a known source's row, or the id as plain text. */
    private String sourceLink(String id) {
      if (!sources.containsKey(id)) {
        return "<span class=\"bad\">" + esc(id) + "</span>";
      }
      return "<a href=\"#" + anchor(id) + "\">" + esc(id) + "</a>";
    }
  }

  /** An element id for a source id; only letters, digits, '-' and '_'. */
  static String anchor(String sourceId) {
    return "source-" + sourceId.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /**
   * {@code text} escaped for HTML and XML: markup characters as entities, characters XML 1.0 does
   * not allow (control characters, lone surrogates, U+FFFE/U+FFFF) as U+FFFD.
   */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r')
              || Character.isSurrogate(c)
              || c == '\uFFFE'
              || c == '\uFFFF') {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static String cut(String text, int max) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max) + "…";
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = d.toSeconds();
    return s < 3600
        ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }
}
