package dev.researcher4j.core.trajectory.view;

import static dev.researcher4j.core.trajectory.view.Html.esc;

import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.internal.cite.SourceIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Renders a {@link Trajectory} as one self-contained HTML page: the question; warnings first (what
 * the run could not do: unverified or unsupported claims, a cut-off answer, the budget that stopped
 * it, failed tools); the answer and the report rendered from Markdown with clickable citations
 * ({@code [S3]} jumps to the source's row); totals (tokens, cost, time); a timeline of every step
 * (plan, model turns with reasoning collapsed, tool calls with arguments and results, verification
 * verdicts, compactions, retries, errors), numbered as the command line numbers them; the sources
 * with their addresses as links; grades and reward.
 *
 * <p>The page loads nothing: no scripts, fonts, style sheets or images, inline or external; styles
 * are one small inline block; collapsing uses {@code <details>} elements; a Content-Security-Policy
 * forbids everything else. It opens offline and can be mailed or attached to a bug report.
 *
 * <p>Every text from pages, tools and models is HTML-escaped, including HTML inside a report's
 * Markdown, and characters XML does not allow are replaced, so what a page says cannot become
 * markup in the view. The only links that leave the page go to http and https addresses, with
 * {@code rel="noopener noreferrer"}; any other address ({@code javascript:}, {@code data:}, …) is
 * shown as text. The markup is well-formed XML (XHTML-compatible HTML5), so tools can parse it
 * back.
 *
 * <p>Long runs stay readable: every step is collapsed to one line until opened, and texts longer
 * than about {@value #PREVIEW_CHARS} characters show their beginning with the rest in a collapsed
 * block. Stateless and thread-safe.
 */
public final class TrajectoryHtml {
  private TrajectoryHtml() {}

  /** How much of a long text is shown before the rest is folded away. */
  public static final int PREVIEW_CHARS = 600;

  private static final String STYLE =
      """
      body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#1d1d1f;background:#fff}
      h1{font-size:1.45em;line-height:1.3;margin:.2em 0 .4em}h2{font-size:1.15em;margin:1.6em 0 .5em;border-bottom:1px solid #ddd}
      .meta{color:#555;font-size:13px;display:flex;flex-wrap:wrap;gap:.2em 1.2em;margin:.3em 0}
      pre,code{font:12.5px/1.45 ui-monospace,Menlo,Consolas,monospace}
      pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f8;padding:.5em .6em;margin:.3em 0;border-radius:4px}
      pre.preview{margin-bottom:0;border-radius:4px 4px 0 0}details.more>summary{font-size:12px;color:#2563eb}
      details.more>pre{margin-top:0;border-radius:0 0 4px 4px}
      :not(pre)>code{background:#f1f1f4;padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}
      .answer{font-size:1.08em;font-weight:600;margin:.4em 0 .8em}
      .report{overflow-wrap:anywhere}.report h3{font-size:1.1em}.report h4,.report h5,.report h6{font-size:1em}
      .report table,.scroll table{margin:.5em 0}.scroll,.report{overflow-x:auto}.report table{width:auto;min-width:50%}
      .report [align=right]{text-align:right}.report [align=center]{text-align:center}
      .warnings{background:#fff7e6;border:1px solid #f2c26b;border-radius:6px;padding:.2em 1em .6em;margin:1em 0}
      .warnings h2{border:0;margin:.5em 0 .2em;color:#8a4b00}.warnings ul{margin:.2em 0;padding-left:1.2em}
      details{margin:.15em 0}summary{cursor:pointer}
      details.step{border-left:3px solid #ccc;padding-left:.5em;margin:.2em 0}
      details.step>*:not(summary){margin-left:.4em}
      .row{display:inline-grid;grid-template-columns:2.6em 4.6em 6.4em 6.6em 4.2em minmax(0,1fr);gap:0 .5em;align-items:baseline;width:calc(100% - 1.4em);vertical-align:top}
      .num{text-align:right;color:#888}.at,.tok,.dur{color:#888;font-size:12.5px;font-variant-numeric:tabular-nums}
      .kind{font:12.5px ui-monospace,Menlo,Consolas,monospace;color:#444}
      .sum{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
      @media (max-width:640px){body{font-size:14px;padding:0 .6em}.row{grid-template-columns:2em 4em 5.2em minmax(0,1fr)}.tok,.dur{display:none}.sum{grid-column:2/-1;white-space:normal}}
      .dim{color:#777;font-size:12.5px;margin:.35em 0 .1em}
      .k-PLAN{border-color:#8e6fd8}.k-MODEL{border-color:#3b82f6}.k-TOOLS{border-color:#10b981}
      .k-VERIFY{border-color:#f59e0b}.k-COMPACTION{border-color:#64748b}.k-FINAL{border-color:#111}
      .k-ERROR,.bad{border-color:#dc2626;color:#b91c1c}
      .ok{color:#047857}.warn{color:#b45309}
      ul.calls{margin:.2em 0;padding-left:1.2em}.args{font:12px ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
      table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.25em .5em;text-align:left;vertical-align:top}
      #totals th{width:8em;font-weight:500;color:#555}
      .url{font:12px ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere;color:#374151}
      a.url{color:#2563eb}.cited td:first-child{font-weight:700}a{color:#2563eb}
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
              + " 'unsafe-inline'; base-uri 'none'; form-action 'none'\"/>\n");
      out.append("<meta name=\"referrer\" content=\"no-referrer\"/>\n");
      out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
      out.append("<title>").append(esc("researcher4j run: " + Html.cut(h.task().question(), 80)));
      out.append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
      header(h);
      new WarningsHtml(t, out, this::sourceLink).render();
      answer();
      totals();
      new Timeline(t, out, this::sourceLink).render();
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
      meta(
          "status",
          t.outcome() == null
              ? "unfinished (no outcome recorded)"
              : t.outcome().stopReason().name());
      meta("model", (h.model().provider() + " " + h.model().model()).strip());
      meta("started", h.startedAt().toString());
      meta("run", h.runId());
      meta("task", h.task().id() + " · attempt " + h.task().attempt());
      if (!h.task().groupId().equals(h.task().id())) {
        meta("group", h.task().groupId());
      }
      if (!h.parentRunId().isEmpty()) {
        meta("parent run", h.parentRunId());
      }
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
      if (outcome == null || !outcome.hasAnswer()) {
        out.append("<p class=\"warn\">No answer")
            .append(outcome == null ? ": the run did not finish." : ".")
            .append("</p>\n</section>\n");
        return;
      }
      if (!outcome.answer().isBlank()) {
        out.append("<p class=\"answer\">").append(cited(outcome.answer())).append("</p>\n");
      }
      if (!outcome.report().isBlank()) {
        out.append("<div class=\"report\">\n")
            .append(MarkdownHtml.render(outcome.report(), sources::containsKey))
            .append("</div>\n");
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
      row("Cost", cost(u));
      row("Time", Html.human(totals.elapsed()));
      row("Steps", totals.steps() + " (" + totals.modelCalls() + " model calls)");
      row("Tool calls", totals.toolCalls() + " (" + totals.failedToolCalls() + " failed)");
      row("Sources", String.valueOf(totals.sources()));
      out.append("</table>\n</section>\n");
    }

    /** Money spent; "unknown" when tokens were used but no price was set (cost 0). */
    private static String cost(Usage u) {
      if (u.costUsd() == 0 && u.totalTokens() > 0) {
        return "unknown (no price set for the model)";
      }
      return String.format(Locale.ROOT, "$%.4f", u.costUsd());
    }

    private void row(String label, String value) {
      out.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(value));
      out.append("</td></tr>\n");
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
      out.append("<div class=\"scroll\"><table>\n")
          .append("<tr><th>id</th><th>title and address</th><th>seen</th></tr>\n");
      for (Source s : sources.values()) {
        out.append("<tr id=\"")
            .append(Html.anchor(s.id()))
            .append("\"")
            .append(cited.contains(s.id()) ? " class=\"cited\"" : "")
            .append("><td>")
            .append(esc(s.id()))
            .append("</td><td>")
            .append(esc(s.title().isEmpty() ? "(untitled)" : s.title()))
            .append(" <span class=\"dim\">")
            .append(esc(s.kind().name().toLowerCase(Locale.ROOT)))
            .append("</span><br/>")
            .append(Html.externalLink(s.url(), s.url()))
            .append("</td><td>");
        if (!s.excerpts().isEmpty()) {
          out.append("<details><summary>")
              .append(Html.plural(s.excerpts().size(), "excerpt", "excerpts"))
              .append("</summary>\n");
          for (String excerpt : s.excerpts()) {
            out.append("<pre>")
                .append(esc(Html.cut(excerpt, 4 * PREVIEW_CHARS)))
                .append("</pre>\n");
          }
          out.append("</details>");
        }
        out.append("</td></tr>\n");
      }
      out.append("</table></div>\n</section>\n");
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

    /** Plain text with citation markers turned into links to the source rows. */
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

    /** A link to a known source's row, or the id marked as unknown. */
    private String sourceLink(String id) {
      if (!sources.containsKey(id)) {
        return "<span class=\"bad\" title=\"no source with this id was seen in the run\">"
            + esc(id)
            + "</span>";
      }
      return "<a class=\"cite\" href=\"#" + Html.anchor(id) + "\">" + esc(id) + "</a>";
    }
  }
}
