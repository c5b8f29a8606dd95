package dev.researcher4j.tools.scholar.internal;

import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperId;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link Paper}'s identifiers point to: the typed ids in the order other services understand
 * them best, and the one address to cite.
 */
public final class PaperLinks {

  private PaperLinks() {}

  /** Every identifier known for {@code paper}, the most widely understood first. */
  public static List<PaperId> ids(Paper paper) {
    List<PaperId> ids = new ArrayList<>();
    if (!paper.doi().isEmpty()) {
      ids.add(PaperId.doi(paper.doi()));
    }
    if (!paper.arxivId().isEmpty()) {
      ids.add(PaperId.arxiv(paper.arxivId()));
    }
    if (!paper.pmid().isEmpty()) {
      ids.add(PaperId.pmid(paper.pmid()));
    }
    addId(ids, PaperId.Type.PMCID, paper.otherIds().get(Paper.ID_PMCID));
    addId(ids, PaperId.Type.SEMANTIC_SCHOLAR, paper.otherIds().get(Paper.ID_SEMANTIC_SCHOLAR));
    addId(ids, PaperId.Type.CORPUS_ID, paper.otherIds().get(Paper.ID_CORPUS));
    addId(ids, PaperId.Type.OPENALEX, paper.otherIds().get(Paper.ID_OPENALEX));
    return ids;
  }

  private static void addId(List<PaperId> ids, PaperId.Type type, String value) {
    if (value != null && !value.isBlank()) {
      try {
        ids.add(new PaperId(type, value));
      } catch (IllegalArgumentException malformed) {
        // An id a source got wrong is not worth failing for; the others still identify the paper.
      }
    }
  }

  /**
   * The address to cite {@code paper} by: the DOI link, else the arXiv abstract page, else the
   * landing page, else any other link; empty when the paper has none.
   */
  public static String citationUrl(Paper paper) {
    if (!paper.doi().isEmpty()) {
      return "https://doi.org/" + paper.doi();
    }
    if (!paper.arxivId().isEmpty()) {
      return "https://arxiv.org/abs/" + paper.arxivId();
    }
    for (String url : List.of(paper.landingUrl(), paper.openAccessUrl(), paper.pdfUrl())) {
      if (!url.isEmpty()) {
        return url;
      }
    }
    if (!paper.pmid().isEmpty()) {
      return "https://pubmed.ncbi.nlm.nih.gov/" + paper.pmid() + "/";
    }
    String openAlex = paper.otherIds().getOrDefault(Paper.ID_OPENALEX, "");
    if (!openAlex.isEmpty()) {
      return "https://openalex.org/" + openAlex;
    }
    String s2 = paper.otherIds().getOrDefault(Paper.ID_SEMANTIC_SCHOLAR, "");
    return s2.isEmpty() ? "" : "https://www.semanticscholar.org/paper/" + s2;
  }
}
