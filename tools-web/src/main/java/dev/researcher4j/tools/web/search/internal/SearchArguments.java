package dev.researcher4j.tools.web.search.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.tools.web.search.Freshness;
import dev.researcher4j.tools.web.search.SearchQuery;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the arguments of a {@code web_search} call into the queries to run: {@code query} and
 * {@code queries} (deduplicated ignoring case, cut to the per-call limit with a note) and the
 * filters every query shares ({@code count}, {@code freshness}, {@code date_from}/{@code date_to},
 * {@code site}, {@code language}). Immutable and thread-safe.
 */
public final class SearchArguments {

  private final int maxQueriesPerCall;
  private final int defaultCount;
  private final int maxCount;

  /** Arguments read with these limits, which the tool's builder has already checked. */
  public SearchArguments(int maxQueriesPerCall, int defaultCount, int maxCount) {
    this.maxQueriesPerCall = maxQueriesPerCall;
    this.defaultCount = defaultCount;
    this.maxCount = maxCount;
  }

  /**
   * The queries {@code args} ask for, in order; a note for each thing that was not done as asked is
   * added to {@code notes}.
   *
   * @throws IllegalArgumentException if there is no query or an argument is malformed, saying which
   *     and what was expected
   */
  public List<SearchQuery> queries(JsonNode args, List<String> notes) {
    Set<String> texts = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    addQuery(args.get("query"), "query", texts, seen);
    JsonNode many = args.get("queries");
    if (many != null && !many.isNull()) {
      if (many.isArray()) {
        for (JsonNode item : many) {
          addQuery(item, "queries", texts, seen);
        }
      } else {
        addQuery(many, "queries", texts, seen);
      }
    }
    if (texts.isEmpty()) {
      throw new IllegalArgumentException(
          "give \"query\" (what to search for) or \"queries\" (a list of searches)");
    }
    List<String> all = new ArrayList<>(texts);
    if (all.size() > maxQueriesPerCall) {
      notes.add(
          "only the first "
              + maxQueriesPerCall
              + " queries were searched; skipped: "
              + quoted(all.subList(maxQueriesPerCall, all.size())));
      all = all.subList(0, maxQueriesPerCall);
    }
    SearchQuery template = template(args);
    List<SearchQuery> queries = new ArrayList<>();
    for (String text : all) {
      queries.add(template.toBuilder().query(text).build());
    }
    return queries;
  }

  private static void addQuery(JsonNode node, String field, Set<String> texts, Set<String> seen) {
    if (node == null || node.isNull()) {
      return;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(
          field
              + " must be text, but was "
              + node.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    String text = node.asText().strip();
    if (!text.isEmpty() && seen.add(text.toLowerCase(Locale.ROOT))) {
      texts.add(text);
    }
  }

  /** A query holding the call's filters, to be copied for each query text. */
  private SearchQuery template(JsonNode args) {
    SearchQuery.Builder b = SearchQuery.builder("placeholder").count(defaultCount);
    JsonNode count = args.get("count");
    if (count != null && !count.isNull()) {
      if (!count.isNumber() && !(count.isTextual() && count.asText().strip().matches("\\d+"))) {
        throw new IllegalArgumentException("count must be a whole number, but was " + count);
      }
      b.count(Math.max(1, Math.min(maxCount, count.asInt())));
    }
    String freshness = optionalText(args, "freshness");
    if (freshness != null) {
      b.freshness(Freshness.parse(freshness));
    }
    LocalDate from = optionalDate(args, "date_from");
    LocalDate to = optionalDate(args, "date_to");
    if (from != null || to != null) {
      b.dateRange(from, to);
    }
    b.site(optionalText(args, "site"));
    b.language(optionalText(args, "language"));
    return b.build();
  }

  private static String optionalText(JsonNode args, String field) {
    JsonNode node = args.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + " must be text, but was " + node);
    }
    return node.asText().isBlank() ? null : node.asText().strip();
  }

  private static LocalDate optionalDate(JsonNode args, String field) {
    String text = optionalText(args, field);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field + " must be a date like 2024-05-31, but was '" + text + "'");
    }
  }

  private static String quoted(List<String> texts) {
    List<String> quoted = new ArrayList<>();
    for (String text : texts) {
      quoted.add('"' + text + '"');
    }
    return String.join(", ", quoted);
  }
}
