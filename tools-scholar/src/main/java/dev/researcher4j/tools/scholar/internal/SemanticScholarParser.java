package dev.researcher4j.tools.scholar.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.PublicationType;
import java.util.List;
import java.util.Locale;

/** Reads Semantic Scholar Graph API paper objects. */
public final class SemanticScholarParser {
  private SemanticScholarParser() {}

  /** The provider name in messages. */
  public static final String PROVIDER = "semantic-scholar";

  /** The paper in {@code node}, or {@code null} when it is null or has neither id nor title. */
  public static Paper paper(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    String paperId = Json.text(node, "paperId");
    String title = Json.text(node, "title");
    if (paperId.isEmpty() && title.isBlank()) {
      return null;
    }
    Paper.Builder b =
        Paper.builder()
            .source(PaperSource.SEMANTIC_SCHOLAR)
            .otherId(Paper.ID_SEMANTIC_SCHOLAR, paperId)
            .title(title)
            .abstractText(Json.text(node, "abstract"))
            .year(Json.integer(node, "year"))
            .publicationDate(Json.text(node, "publicationDate"))
            .citationCount(Json.integer(node, "citationCount"))
            .referenceCount(Json.integer(node, "referenceCount"))
            .landingUrl(Json.text(node, "url"));
    String corpusId = Json.text(node, "corpusId");
    if (corpusId.isEmpty()) {
      corpusId = Json.text(node, "externalIds", "CorpusId");
    }
    b.otherId(Paper.ID_CORPUS, corpusId);
    JsonNode ext = Json.at(node, "externalIds");
    b.doi(Json.text(ext, "DOI"))
        .arxivId(Json.text(ext, "ArXiv"))
        .pmid(Json.text(ext, "PubMed"))
        .otherId(Paper.ID_PMCID, Ids.pmcid(Json.text(ext, "PubMedCentral")))
        .otherId(Paper.ID_MAG, Json.text(ext, "MAG"))
        .otherId(Paper.ID_DBLP, Json.text(ext, "DBLP"));
    String venue = Json.text(node, "venue");
    if (venue.isBlank()) {
      venue = Json.text(node, "publicationVenue", "name");
    }
    if (venue.isBlank()) {
      venue = Json.text(node, "journal", "name");
    }
    b.venue(venue);
    String pdf = Json.text(node, "openAccessPdf", "url");
    b.openAccessUrl(pdf).pdfUrl(pdf);
    Json.strings(node, "fieldsOfStudy").forEach(b::addFieldOfStudy);
    for (JsonNode f : Json.array(node, "s2FieldsOfStudy")) {
      b.addFieldOfStudy(Json.text(f, "category"));
    }
    b.type(type(Json.strings(node, "publicationTypes"), venue));
    for (JsonNode a : Json.array(node, "authors")) {
      String name = Json.text(a, "name");
      if (name.isBlank()) {
        continue;
      }
      b.addAuthor(Author.of(name).withAffiliations(Json.strings(a, "affiliations")));
    }
    return b.build();
  }

  private static PublicationType type(List<String> types, String venue) {
    for (String t : types) {
      switch (t) {
        case "Review", "MetaAnalysis" -> {
          return PublicationType.REVIEW;
        }
        case "Conference" -> {
          return PublicationType.CONFERENCE_PAPER;
        }
        case "Book" -> {
          return PublicationType.BOOK;
        }
        case "BookSection" -> {
          return PublicationType.BOOK_CHAPTER;
        }
        case "Dataset" -> {
          return PublicationType.DATASET;
        }
        default -> {
          // keep looking; JournalArticle is decided below
        }
      }
    }
    if (types.contains("JournalArticle")) {
      return venue.toLowerCase(Locale.ROOT).contains("arxiv")
          ? PublicationType.PREPRINT
          : PublicationType.JOURNAL_ARTICLE;
    }
    if (venue.toLowerCase(Locale.ROOT).contains("arxiv")) {
      return PublicationType.PREPRINT;
    }
    return types.isEmpty() ? PublicationType.UNKNOWN : PublicationType.OTHER;
  }
}
