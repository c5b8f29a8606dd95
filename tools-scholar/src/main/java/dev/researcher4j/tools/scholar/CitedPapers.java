package dev.researcher4j.tools.scholar;

import dev.researcher4j.api.Source;
import dev.researcher4j.tools.scholar.internal.PaperText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The papers among a report's sources, as BibTeX or CSL-JSON: the scholarly tools record each paper
 * they find as a {@link Source} of kind {@link Source.Kind#PAPER} with its identifiers, authors,
 * year and venue as attributes ({@link #paper} reads them back), so a report's reference list can
 * go straight into LaTeX, Pandoc or Zotero. Each BibTeX entry is preceded by a comment naming the
 * source id the report cites it by ({@code % [S3]}).
 *
 * <p>Stateless and thread-safe.
 */
public final class CitedPapers {
  private CitedPapers() {}

  /**
   * The paper {@code source} records, or empty when it is not a paper (a web page, say). Attributes
   * no tool gave are left unknown.
   */
  public static Optional<Paper> paper(Source source) {
    if (source.kind() != Source.Kind.PAPER) {
      return Optional.empty();
    }
    Map<String, String> a = source.attributes();
    Paper.Builder paper =
        Paper.builder()
            .title(source.title())
            .doi(a.getOrDefault("doi", ""))
            .arxivId(a.getOrDefault("arxiv", ""))
            .pmid(a.getOrDefault("pmid", ""))
            .venue(a.getOrDefault("venue", ""))
            .landingUrl(source.url())
            .openAccessUrl(a.getOrDefault("open_access_url", ""));
    String published = a.getOrDefault("published", "");
    if (!published.isEmpty()) {
      paper.publicationDate(published);
    }
    String year = a.getOrDefault("year", "");
    if (year.matches("\\d{4}")) {
      paper.year(Integer.parseInt(year));
    }
    for (String name : PaperText.authorNames(a.getOrDefault("authors", ""))) {
      paper.addAuthor(Author.of(name));
    }
    String type = a.getOrDefault("type", "");
    for (PublicationType candidate : PublicationType.values()) {
      if (candidate.name().toLowerCase(Locale.ROOT).equals(type)) {
        paper.type(candidate);
      }
    }
    return Optional.of(paper.build());
  }

  /** BibTeX entries for the papers among {@code sources}, each after a {@code % [S3]} comment. */
  public static String bibTeX(List<Source> sources) {
    List<Source> cited = new ArrayList<>();
    List<Paper> papers = new ArrayList<>();
    for (Source source : sources) {
      paper(source)
          .ifPresent(
              p -> {
                cited.add(source);
                papers.add(p);
              });
    }
    List<String> keys = BibTeX.uniqueKeys(papers);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < papers.size(); i++) {
      out.append("% [").append(cited.get(i).id()).append("]\n");
      out.append(BibTeX.format(papers.get(i), keys.get(i))).append('\n');
    }
    return out.toString().strip() + (out.length() == 0 ? "" : "\n");
  }

  /** A CSL-JSON array of the papers among {@code sources}. */
  public static String cslJson(List<Source> sources) {
    List<Paper> papers = new ArrayList<>();
    sources.forEach(source -> paper(source).ifPresent(papers::add));
    return CslJson.format(papers);
  }
}
