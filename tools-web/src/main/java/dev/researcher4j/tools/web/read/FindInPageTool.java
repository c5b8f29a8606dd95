package dev.researcher4j.tools.web.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.tools.web.read.internal.Paginator;
import dev.researcher4j.tools.web.read.internal.ToolSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code find_in_page} tool: finds a phrase in a document (case and spacing ignored) and shows
 * each match with the text around it and the page it is on, so the model can read just that page.
 * When the exact phrase is absent, passages holding all of its words are shown instead. The
 * document is registered as a source with the passages as excerpts.
 *
 * <p>Thread-safe. Shares the run's document cache with {@link ReadPageTool}.
 */
public final class FindInPageTool implements Tool {

  /** The tool's name. */
  public static final String NAME = "find_in_page";

  /** Most matches shown. */
  public static final int MAX_MATCHES = 10;

  /** Characters of context shown on each side of a match. */
  public static final int CONTEXT_CHARS = 200;

  private final PageReader reader;

  private FindInPageTool(PageReader reader) {
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  /** The tool reading with {@code reader}. */
  public static FindInPageTool of(PageReader reader) {
    return new FindInPageTool(reader);
  }

  @Override
  public ToolSpec spec() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    ObjectNode props = schema.putObject("properties");
    props
        .putObject("url")
        .put("type", "string")
        .put("description", "The http(s) URL of the page or document to search.");
    props
        .putObject("text")
        .put("type", "string")
        .put("description", "The word or phrase to find (case-insensitive).");
    schema.putArray("required").add("url").add("text");
    return ToolSpec.of(
        NAME,
        "Find a word or phrase in a web page or PDF and show each match with its surrounding text"
            + " and the page it is on (for read_page). Use it to check a fact or jump into a long"
            + " document.",
        schema);
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) {
    JsonNode args = call.parsedArguments();
    String url = ToolSupport.text(args, "url");
    String query = ToolSupport.text(args, "text");
    if (url == null || query == null) {
      return ToolResult.error(
          "find_in_page needs 'url' (the document) and 'text' (what to find) arguments.");
    }
    WebDocument doc;
    try {
      doc = ToolSupport.document(reader, context, url);
    } catch (NonRetryableException e) {
      return ToolResult.error(e.getMessage());
    }
    String text = doc.text();
    List<Paginator.Span> pages = Paginator.split(text, reader.pageSize());
    List<int[]> hits = exactMatches(text, query);
    boolean exact = !hits.isEmpty();
    if (!exact) {
      hits = allWordsMatches(text, query);
    }
    List<String> passages = new ArrayList<>();
    StringBuilder body = new StringBuilder();
    int shown = 0;
    for (int[] hit : hits) {
      if (shown == MAX_MATCHES) {
        break;
      }
      shown++;
      String passage = context(text, hit[0], hit[1]);
      passages.add(passage);
      body.append(shown).append(". page ").append(Paginator.pageOf(pages, hit[0]));
      if (doc.kind() == DocumentKind.PDF) {
        body.append(" (PDF page ").append(doc.pdfPageAt(hit[0])).append(')');
      }
      body.append(": \"").append(passage).append("\"\n");
    }
    Source source = ToolSupport.register(context, doc, passages);
    StringBuilder out = new StringBuilder(ToolSupport.header(source, doc));
    String where =
        " (the document has " + pages.size() + (pages.size() == 1 ? " page)" : " pages)");
    if (hits.isEmpty()) {
      out.append("No match for \"")
          .append(query)
          .append('"')
          .append(where)
          .append(". Try fewer or other words, or read the document with read_page.\n");
    } else {
      out.append(hits.size())
          .append(hits.size() == 1 ? " match" : " matches")
          .append(exact ? " for \"" : " with all the words of \"")
          .append(query)
          .append('"')
          .append(where)
          .append(hits.size() > MAX_MATCHES ? ", first " + MAX_MATCHES + " shown" : "")
          .append(":\n")
          .append(body);
    }
    return ToolResult.of(out.toString());
  }

  /** Matches of the phrase, ignoring case and treating any run of whitespace as one space. */
  private static List<int[]> exactMatches(String text, String query) {
    String[] words = query.toLowerCase(Locale.ROOT).split("\\s+");
    StringBuilder regex = new StringBuilder();
    for (String w : words) {
      if (regex.length() > 0) {
        regex.append("\\s+");
      }
      regex.append(java.util.regex.Pattern.quote(w));
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                regex.toString(),
                java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.UNICODE_CASE)
            .matcher(text);
    List<int[]> hits = new ArrayList<>();
    while (m.find()) {
      hits.add(new int[] {m.start(), m.end()});
    }
    return hits;
  }

  /** Paragraphs holding every word of the query. */
  private static List<int[]> allWordsMatches(String text, String query) {
    String[] words = query.toLowerCase(Locale.ROOT).split("[\\s\\p{Punct}]+");
    List<int[]> hits = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf("\n\n", start);
      if (end < 0) {
        end = text.length();
      }
      String paragraph = text.substring(start, end).toLowerCase(Locale.ROOT);
      boolean all = words.length > 0;
      for (String w : words) {
        if (!w.isEmpty() && !paragraph.contains(w)) {
          all = false;
          break;
        }
      }
      if (all && !paragraph.isBlank()) {
        int first = text.length();
        for (String w : words) {
          if (!w.isEmpty()) {
            first = Math.min(first, start + paragraph.indexOf(w));
          }
        }
        hits.add(new int[] {first, Math.min(end, first + query.length())});
      }
      start = end + 2;
    }
    return hits;
  }

  private static String context(String text, int start, int end) {
    int from = Math.max(0, start - CONTEXT_CHARS);
    int to = Math.min(text.length(), end + CONTEXT_CHARS);
    while (from > 0
        && from > start - CONTEXT_CHARS - 40
        && !Character.isWhitespace(text.charAt(from - 1))) {
      from--;
    }
    while (to < text.length()
        && to < end + CONTEXT_CHARS + 40
        && !Character.isWhitespace(text.charAt(to))) {
      to++;
    }
    String s = text.substring(from, to).replaceAll("\\s+", " ").strip();
    return (from > 0 ? "…" : "") + s + (to < text.length() ? "…" : "");
  }
}
