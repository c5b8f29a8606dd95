package dev.researcher4j.tools.scholar.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.PublicationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads OpenAlex work objects. */
public final class OpenAlexParser {
  private OpenAlexParser() {}

  /** The provider name in messages. */
  public static final String PROVIDER = "openalex";

  /**
   * Positions beyond this are ignored when rebuilding an abstract; guards against a malformed index
   * asking for a huge array.
   */
  static final int MAX_ABSTRACT_WORDS = 20_000;

  /** The work in {@code node}, or {@code null} when it is not a work. */
  public static Paper work(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String id = Ids.openAlex(Json.text(node, "id"));
    String title = Json.text(node, "title");
    if (title.isEmpty()) {
      title = Json.text(node, "display_name");
    }
    if (id.isEmpty() && title.isBlank()) {
      return null;
    }
    JsonNode ids = Json.at(node, "ids");
    Paper.Builder b =
        Paper.builder()
            .source(PaperSource.OPENALEX)
            .otherId(Paper.ID_OPENALEX, id)
            .title(title)
            .doi(Json.text(node, "doi"))
            .year(Json.integer(node, "publication_year"))
            .publicationDate(Json.text(node, "publication_date"))
            .pmid(Json.text(ids, "pmid"))
            .otherId(Paper.ID_PMCID, Ids.pmcid(Json.text(ids, "pmcid")))
            .otherId(Paper.ID_MAG, Json.text(ids, "mag"))
            .citationCount(Json.integer(node, "cited_by_count"))
            .abstractText(abstractFrom(Json.at(node, "abstract_inverted_index")));
    Integer refs = Json.integer(node, "referenced_works_count");
    if (refs == null && Json.at(node, "referenced_works").isArray()) {
      refs = Json.array(node, "referenced_works").size();
    }
    b.referenceCount(refs);
    JsonNode primary = Json.at(node, "primary_location");
    b.venue(Json.text(primary, "source", "display_name"))
        .landingUrl(Json.text(primary, "landing_page_url"))
        .pdfUrl(Json.text(primary, "pdf_url"));
    String oaUrl = Json.text(node, "open_access", "oa_url");
    if (oaUrl.isEmpty()) {
      oaUrl = Json.text(node, "best_oa_location", "pdf_url");
    }
    if (oaUrl.isEmpty()) {
      oaUrl = Json.text(node, "best_oa_location", "landing_page_url");
    }
    b.openAccessUrl(oaUrl);
    if (Json.text(primary, "pdf_url").isEmpty()) {
      b.pdfUrl(Json.text(node, "best_oa_location", "pdf_url"));
    }
    // OpenAlex has no arXiv field; the id shows in a location's URL or as arXiv's DataCite DOI.
    List<JsonNode> locations = new ArrayList<>(Json.array(node, "locations"));
    locations.add(primary);
    locations.add(Json.at(node, "best_oa_location"));
    String arxiv = Ids.arxiv(Json.text(node, "doi"));
    for (JsonNode loc : locations) {
      if (!arxiv.isEmpty()) {
        break;
      }
      arxiv = Ids.arxiv(Json.text(loc, "landing_page_url"));
      if (arxiv.isEmpty()) {
        arxiv = Ids.arxiv(Json.text(loc, "pdf_url"));
      }
    }
    b.arxivId(arxiv);
    b.addFieldOfStudy(Json.text(node, "primary_topic", "field", "display_name"));
    b.addFieldOfStudy(Json.text(node, "primary_topic", "subfield", "display_name"));
    for (JsonNode concept : Json.array(node, "concepts")) {
      Integer level = Json.integer(concept, "level");
      if (level != null && level == 0) {
        b.addFieldOfStudy(Json.text(concept, "display_name"));
      }
    }
    b.type(type(Json.text(node, "type"), Json.text(node, "type_crossref")));
    for (JsonNode authorship : Json.array(node, "authorships")) {
      String name = Json.text(authorship, "author", "display_name");
      if (name.isBlank()) {
        name = Json.text(authorship, "raw_author_name");
      }
      if (name.isBlank()) {
        continue;
      }
      List<String> affiliations = new ArrayList<>();
      for (JsonNode inst : Json.array(authorship, "institutions")) {
        affiliations.add(Json.text(inst, "display_name"));
      }
      if (affiliations.stream().allMatch(String::isBlank)) {
        affiliations = Json.strings(authorship, "raw_affiliation_strings");
      }
      b.addAuthor(
          Author.of(name)
              .withOrcid(Json.text(authorship, "author", "orcid"))
              .withAffiliations(affiliations));
    }
    return b.build();
  }

  /**
   * The abstract rebuilt from OpenAlex's inverted index ({@code {"word": [positions]}}): each word
   * placed at its positions, gaps skipped. Malformed entries are ignored.
   */
  public static String abstractFrom(JsonNode index) {
    if (index == null || !index.isObject()) {
      return "";
    }
    Map<Integer, String> byPosition = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : index.properties()) {
      for (JsonNode position : entry.getValue()) {
        if (position.canConvertToInt()) {
          int p = position.intValue();
          if (p >= 0 && p < MAX_ABSTRACT_WORDS) {
            byPosition.put(p, entry.getKey());
          }
        }
      }
    }
    return String.join(" ", byPosition.values());
  }

  private static PublicationType type(String type, String crossrefType) {
    return switch (type) {
      case "article" ->
          crossrefType.equals("proceedings-article")
              ? PublicationType.CONFERENCE_PAPER
              : PublicationType.JOURNAL_ARTICLE;
      case "preprint", "posted-content" -> PublicationType.PREPRINT;
      case "book" -> PublicationType.BOOK;
      case "book-chapter" -> PublicationType.BOOK_CHAPTER;
      case "dissertation" -> PublicationType.THESIS;
      case "review" -> PublicationType.REVIEW;
      case "dataset" -> PublicationType.DATASET;
      case "" -> PublicationType.UNKNOWN;
      default -> PublicationType.OTHER;
    };
  }
}
