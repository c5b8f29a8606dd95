package dev.researcher4j.tools.scholar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.tools.scholar.internal.Json;
import java.util.List;

/**
 * Writes papers as CSL-JSON, the input of citeproc processors, Pandoc and Zotero. Item ids are the
 * same keys {@link BibTeX#format(List)} uses. Fields no source gave are left out. arXiv preprints
 * follow Zotero's convention: {@code "publisher": "arXiv"} and {@code "number": "arXiv:<id>"}.
 *
 * <p>Stateless and thread-safe.
 */
public final class CslJson {
  private CslJson() {}

  /** A CSL-JSON array of {@code papers}, pretty-printed. */
  public static String format(List<Paper> papers) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    List<String> keys = BibTeX.uniqueKeys(papers);
    for (int i = 0; i < papers.size(); i++) {
      array.add(item(papers.get(i), keys.get(i)));
    }
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }

  /** The CSL-JSON item for {@code paper}, with {@code id} {@link BibTeX#citationKey(Paper)}. */
  public static ObjectNode item(Paper paper) {
    return item(paper, BibTeX.citationKey(paper));
  }

  private static ObjectNode item(Paper p, String id) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("id", id);
    item.put("type", type(p.type()));
    put(item, "title", p.title());
    if (!p.authors().isEmpty()) {
      ArrayNode authors = item.putArray("author");
      for (Author a : p.authors()) {
        ObjectNode name = authors.addObject();
        if (a.familyName().isEmpty()) {
          name.put("literal", a.name());
        } else {
          name.put("family", a.familyName());
          put(name, "given", a.givenName());
        }
      }
    }
    if (p.year().isPresent()) {
      ArrayNode parts = item.putObject("issued").putArray("date-parts").addArray();
      String[] date =
          p.publicationDate().isEmpty() ? new String[0] : p.publicationDate().split("-");
      parts.add(p.year().getAsInt());
      for (int i = 1; i < date.length; i++) {
        parts.add(Integer.parseInt(date[i]));
      }
    }
    boolean arxivVenue = p.venue().toLowerCase(java.util.Locale.ROOT).startsWith("arxiv");
    if (!arxivVenue) {
      put(item, "container-title", p.venue());
    }
    put(item, "DOI", p.doi());
    put(item, "URL", p.citationUrl());
    put(item, "PMID", p.pmid());
    put(item, "PMCID", p.otherIds().getOrDefault(Paper.ID_PMCID, ""));
    if (!p.arxivId().isEmpty()
        && (p.type() == PublicationType.PREPRINT || arxivVenue || p.venue().isEmpty())) {
      item.put("publisher", "arXiv");
      item.put("number", "arXiv:" + p.arxivId());
    }
    put(item, "abstract", p.abstractText());
    return item;
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  private static String type(PublicationType type) {
    return switch (type) {
      case JOURNAL_ARTICLE, REVIEW -> "article-journal";
      case CONFERENCE_PAPER -> "paper-conference";
      case BOOK -> "book";
      case BOOK_CHAPTER -> "chapter";
      case THESIS -> "thesis";
      case DATASET -> "dataset";
      default -> "article";
    };
  }
}
