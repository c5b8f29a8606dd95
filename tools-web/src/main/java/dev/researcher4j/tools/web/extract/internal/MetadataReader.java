package dev.researcher4j.tools.web.extract.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.tools.web.extract.PageMetadata;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads title, author, date, language and description from a page's meta tags, JSON-LD and markup,
 * preferring what the page states for machines (Open Graph, JSON-LD) over guesses from its layout.
 */
public final class MetadataReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MetadataReader() {}

  /** The page's metadata; call before the document is cleaned. */
  public static PageMetadata read(Document doc) {
    List<JsonNode> ld = jsonLd(doc);
    String author =
        first(
            ldAuthor(ld),
            meta(doc, "name", "author"),
            meta(doc, "property", "article:author"),
            meta(doc, "name", "byl"),
            meta(doc, "name", "dc.creator"),
            meta(doc, "name", "sailthru.author"),
            text(
                doc,
                "[itemprop=author] [itemprop=name], [itemprop=author], [rel=author], .byline .author, .byline, .author"));
    String published =
        first(
            ldField(ld, "datePublished"),
            meta(doc, "property", "article:published_time"),
            meta(doc, "name", "article:published_time"),
            meta(doc, "itemprop", "datePublished"),
            meta(doc, "name", "pubdate"),
            meta(doc, "name", "publishdate"),
            meta(doc, "name", "date"),
            meta(doc, "name", "dc.date.issued"),
            meta(doc, "name", "dc.date"),
            meta(doc, "name", "sailthru.date"),
            meta(doc, "property", "og:updated_time"),
            attr(
                doc,
                "time[datetime][pubdate], time[itemprop=datePublished], article time[datetime], time[datetime]",
                "datetime"));
    Element html = doc.selectFirst("html");
    String language =
        first(
            html == null ? "" : html.attr("lang"),
            html == null ? "" : html.attr("xml:lang"),
            meta(doc, "http-equiv", "content-language"),
            meta(doc, "property", "og:locale").replace('_', '-'),
            ldField(ld, "inLanguage"));
    String description =
        first(
            meta(doc, "property", "og:description"),
            meta(doc, "name", "description"),
            meta(doc, "name", "twitter:description"));
    String site = first(meta(doc, "property", "og:site_name"), ldPublisher(ld));
    return new PageMetadata(
        clip(author, 200),
        clip(published, 60),
        clip(language, 20),
        clip(description, 500),
        clip(site, 100));
  }

  /**
   * The page's title: Open Graph or JSON-LD headline when given, else the {@code <title>} with the
   * site name trimmed off when the first heading shows what the real title is.
   */
  public static String title(Document doc) {
    String og = first(meta(doc, "property", "og:title"), meta(doc, "name", "twitter:title"));
    String headline = ldField(jsonLd(doc), "headline");
    String titleTag = doc.title().strip();
    Element h1 = doc.selectFirst("h1");
    String heading = h1 == null ? "" : h1.text().strip();
    if (!og.isEmpty()) {
      return og;
    }
    if (!headline.isEmpty()) {
      return headline;
    }
    if (!heading.isEmpty() && !titleTag.isEmpty() && titleTag.contains(heading)) {
      return heading;
    }
    return titleTag.isEmpty() ? heading : titleTag;
  }

  private static List<JsonNode> jsonLd(Document doc) {
    List<JsonNode> nodes = new ArrayList<>();
    for (Element script : doc.select("script[type=application/ld+json]")) {
      try {
        JsonNode root = JSON.readTree(script.data());
        collect(root, nodes);
      } catch (Exception e) {
        // pages often ship broken JSON-LD; it is a hint, not a requirement
      }
    }
    return nodes;
  }

  private static void collect(JsonNode node, List<JsonNode> into) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> collect(n, into));
    } else if (node.isObject()) {
      into.add(node);
      collect(node.get("@graph"), into);
    }
  }

  private static String ldField(List<JsonNode> nodes, String field) {
    for (JsonNode n : nodes) {
      JsonNode v = n.get(field);
      if (v != null && v.isValueNode() && !v.asText().isBlank()) {
        return v.asText();
      }
    }
    return "";
  }

  private static String ldAuthor(List<JsonNode> nodes) {
    for (JsonNode n : nodes) {
      JsonNode author = n.get("author");
      if (author == null) {
        continue;
      }
      List<String> names = new ArrayList<>();
      for (JsonNode a : author.isArray() ? author : List.of(author)) {
        String name = a.isTextual() ? a.asText() : a.path("name").asText("");
        if (!name.isBlank()) {
          names.add(name.strip());
        }
      }
      if (!names.isEmpty()) {
        return String.join(", ", names);
      }
    }
    return "";
  }

  private static String ldPublisher(List<JsonNode> nodes) {
    for (JsonNode n : nodes) {
      String name = n.path("publisher").path("name").asText("");
      if (!name.isBlank()) {
        return name;
      }
    }
    return "";
  }

  private static String meta(Document doc, String attribute, String value) {
    for (Element m : doc.select("meta[" + attribute + "]")) {
      if (m.attr(attribute).equalsIgnoreCase(value) && !m.attr("content").isBlank()) {
        return m.attr("content").strip();
      }
    }
    return "";
  }

  private static String text(Document doc, String selector) {
    for (Element e : doc.select(selector)) {
      String t = e.text().strip();
      if (!t.isEmpty() && t.length() <= 100) {
        return t.replaceFirst("(?i)^(by|par|von|por|di)\\s+", "");
      }
    }
    return "";
  }

  private static String attr(Document doc, String selector, String attribute) {
    Element e = doc.selectFirst(selector);
    return e == null ? "" : e.attr(attribute);
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return "";
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
