package dev.researcher4j.tools.scholar.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.PublicationType;
import java.util.ArrayList;
import java.util.List;

/** Reads Crossref work records and error bodies. */
public final class CrossrefParser {
  private CrossrefParser() {}

  /** The provider name in messages. */
  public static final String PROVIDER = "crossref";

  /** The work in {@code item}, or {@code null} when it has neither DOI nor title. */
  public static Paper work(JsonNode item) {
    if (item == null || !item.isObject()) {
      return null;
    }
    String doi = Json.text(item, "DOI");
    String title = first(Json.strings(item, "title"));
    if (doi.isEmpty() && title.isBlank()) {
      return null;
    }
    Paper.Builder b =
        Paper.builder()
            .source(PaperSource.CROSSREF)
            .doi(doi)
            .title(title)
            .abstractText(Json.text(item, "abstract"))
            .citationCount(Json.integer(item, "is-referenced-by-count"))
            .type(type(Json.text(item, "type")));
    Integer refs = Json.integer(item, "reference-count");
    b.referenceCount(refs != null ? refs : Json.integer(item, "references-count"));
    String venue = first(Json.strings(item, "container-title"));
    if (venue.isBlank()) {
      venue = Json.text(item, "event", "name");
    }
    if (venue.isBlank()) {
      venue = first(Json.strings(item, "short-container-title"));
    }
    if (venue.isBlank() && "posted-content".equals(Json.text(item, "type"))) {
      venue = Json.text(item, "institution", "name");
      if (venue.isBlank()) {
        venue = first(Json.strings(item, "institution"));
      }
    }
    b.venue(venue);
    for (String field :
        new String[] {"issued", "published", "published-print", "published-online", "created"}) {
      String date = date(Json.at(item, field));
      if (!date.isEmpty()) {
        b.publicationDate(date);
        break;
      }
    }
    String landing = Json.text(item, "resource", "primary", "URL");
    b.landingUrl(landing.isEmpty() ? Json.text(item, "URL") : landing);
    Json.strings(item, "subject").forEach(b::addFieldOfStudy);
    for (JsonNode a : Json.array(item, "author")) {
      Author author = author(a);
      if (author != null) {
        b.addAuthor(author);
      }
    }
    return b.build();
  }

  private static Author author(JsonNode a) {
    String given = Json.text(a, "given");
    String family = Json.text(a, "family");
    String name = Json.text(a, "name");
    Author author;
    if (!family.isBlank()) {
      author = Author.of(given, family);
    } else if (!name.isBlank()) {
      author = new Author(name, "", "", "", List.of());
    } else if (!given.isBlank()) {
      author = Author.of(given);
    } else {
      return null;
    }
    List<String> affiliations = new ArrayList<>();
    for (JsonNode aff : Json.array(a, "affiliation")) {
      affiliations.add(aff.isTextual() ? aff.asText() : Json.text(aff, "name"));
    }
    return author.withOrcid(Json.text(a, "ORCID")).withAffiliations(affiliations);
  }

  /** An ISO date from Crossref's {@code {"date-parts": [[2017, 6, 12]]}}, as precise as given. */
  static String date(JsonNode dateNode) {
    List<JsonNode> parts = Json.array(dateNode, "date-parts");
    if (parts.isEmpty() || !parts.get(0).isArray()) {
      return "";
    }
    JsonNode p = parts.get(0);
    Integer year = p.size() > 0 ? Json.integer(wrap(p.get(0))) : null;
    if (year == null || year < 1000 || year > 2999) {
      return "";
    }
    StringBuilder out = new StringBuilder(String.valueOf(year));
    Integer month = p.size() > 1 ? Json.integer(wrap(p.get(1))) : null;
    if (month != null && month >= 1 && month <= 12) {
      out.append(String.format(java.util.Locale.ROOT, "-%02d", month));
      Integer day = p.size() > 2 ? Json.integer(wrap(p.get(2))) : null;
      if (day != null && day >= 1 && day <= 31) {
        out.append(String.format(java.util.Locale.ROOT, "-%02d", day));
      }
    }
    return out.toString();
  }

  private static JsonNode wrap(JsonNode value) {
    return Json.MAPPER.createObjectNode().set("v", value).path("v");
  }

  private static String first(List<String> values) {
    return values.isEmpty() ? "" : values.get(0);
  }

  private static PublicationType type(String type) {
    return switch (type) {
      case "journal-article" -> PublicationType.JOURNAL_ARTICLE;
      case "proceedings-article" -> PublicationType.CONFERENCE_PAPER;
      case "posted-content" -> PublicationType.PREPRINT;
      case "book", "monograph", "edited-book", "reference-book" -> PublicationType.BOOK;
      case "book-chapter", "book-section", "book-part" -> PublicationType.BOOK_CHAPTER;
      case "dissertation" -> PublicationType.THESIS;
      case "dataset" -> PublicationType.DATASET;
      case "" -> PublicationType.UNKNOWN;
      default -> PublicationType.OTHER;
    };
  }

  /**
   * Reads Crossref error bodies: a validation failure ({@code {"status": "failed", "message-type":
   * "validation-failure", "message": [{"type", "value", "message"}]}}) gives the first problem's
   * type and message; anything else, such as the plain-text {@code Resource not found.}, is read
   * the default way.
   */
  public static ProviderError parseError(String body) {
    String trimmed = body == null ? "" : body.strip();
    if (trimmed.startsWith("{")) {
      try {
        JsonNode root = Json.MAPPER.readTree(trimmed);
        List<JsonNode> problems = Json.array(root, "message");
        if (!problems.isEmpty()) {
          JsonNode first = problems.get(0);
          String message = Json.text(first, "message");
          return new ProviderError(
              Json.text(first, "type"), message.isEmpty() ? first.toString() : message);
        }
      } catch (java.io.IOException notJson) {
        // read as text below
      }
    }
    return ProviderError.parse(body);
  }
}
