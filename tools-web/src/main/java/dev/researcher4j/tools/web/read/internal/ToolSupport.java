package dev.researcher4j.tools.web.read.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.tools.web.extract.PageMetadata;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.WebDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code read_page} and {@code find_in_page} share. */
public final class ToolSupport {

  private ToolSupport() {}

  /** The document at {@code url}, from the run's cache or fetched. */
  public static WebDocument document(PageReader reader, ToolContext context, String url) {
    PageCache cache = context.runScoped(PageCache.class, PageCache::new);
    return cache.get(url, () -> reader.read(url));
  }

  /** Registers {@code doc} as a web source with {@code excerpt}; returns it with its id. */
  public static Source register(ToolContext context, WebDocument doc, List<String> excerpts) {
    Map<String, String> attributes = new LinkedHashMap<>();
    PageMetadata m = doc.metadata();
    put(attributes, "author", m.author());
    put(attributes, "published", m.published());
    put(attributes, "language", m.language());
    put(attributes, "site", m.siteName());
    put(attributes, "content_type", doc.contentType());
    attributes.put("kind", doc.kind().name().toLowerCase(Locale.ROOT));
    Source source =
        new Source("", Source.Kind.WEB, doc.url(), doc.title(), excerpts, Map.copyOf(attributes));
    return context.registerSource(source);
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  /** The header lines of an observation: id and title, URL, what is known about the document. */
  public static String header(Source source, WebDocument doc) {
    StringBuilder sb = new StringBuilder();
    sb.append('[')
        .append(source.id())
        .append("] ")
        .append(doc.title().isBlank() ? doc.url() : doc.title())
        .append('\n');
    sb.append("URL: ").append(doc.url()).append('\n');
    PageMetadata m = doc.metadata();
    StringBuilder facts = new StringBuilder();
    fact(facts, "Author", m.author());
    fact(facts, "Published", m.published());
    fact(facts, "Language", m.language());
    fact(facts, "Site", m.siteName());
    if (doc.kind() != dev.researcher4j.tools.web.read.DocumentKind.HTML) {
      fact(facts, "Type", doc.kind().name());
    }
    if (facts.length() > 0) {
      sb.append(facts).append('\n');
    }
    return sb.toString();
  }

  private static void fact(StringBuilder sb, String name, String value) {
    if (value != null && !value.isBlank()) {
      if (sb.length() > 0) {
        sb.append(" | ");
      }
      sb.append(name).append(": ").append(value);
    }
  }

  /** The text argument {@code name}, or null when missing or blank. */
  public static String text(JsonNode args, String name) {
    JsonNode v = args.get(name);
    if (v == null || v.isNull() || !v.isValueNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }
}
