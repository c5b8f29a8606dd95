package dev.researcher4j.tools.scholar.internal;

import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.PublicationType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How papers are shown to a model and registered as the run's sources. */
public final class PaperText {
  private PaperText() {}

  /** Length of the abstract snippet in lists and source excerpts. */
  public static final int SNIPPET = 400;

  /**
   * Registers {@code paper} with the run (URL: DOI link, else arXiv page, else landing page) and
   * returns its source id, or empty when the paper has no address to cite.
   */
  public static String register(ToolContext context, Paper paper, String excerpt) {
    Source source = source(paper, excerpt);
    return source == null ? "" : context.registerSource(source).id();
  }

  /** The run source for {@code paper}, or {@code null} when it has no address. */
  public static Source source(Paper paper, String excerpt) {
    String url = paper.citationUrl();
    if (url.isEmpty()) {
      return null;
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    put(attrs, "doi", paper.doi());
    put(attrs, "arxiv", paper.arxivId());
    put(attrs, "pmid", paper.pmid());
    paper.otherIds().forEach((k, v) -> put(attrs, k, v));
    paper.year().ifPresent(y -> attrs.put("year", String.valueOf(y)));
    put(attrs, "published", paper.publicationDate());
    put(attrs, "venue", paper.venue());
    put(attrs, "authors", authors(paper.authors(), 10));
    paper.citationCount().ifPresent(c -> attrs.put("citations", String.valueOf(c)));
    if (paper.type() != PublicationType.UNKNOWN) {
      attrs.put("type", paper.type().name().toLowerCase(Locale.ROOT));
    }
    put(attrs, "open_access_url", paper.openAccessUrl());
    attrs.put(
        "sources",
        paper.sourcesInOrder().stream().map(PaperSource::key).collect(Collectors.joining(",")));
    List<String> excerpts = excerpt == null || excerpt.isBlank() ? List.of() : List.of(excerpt);
    return new Source("", Source.Kind.PAPER, url, paper.title(), excerpts, attrs);
  }

  /** One entry of a list: a header line and an abstract snippet. */
  public static String listEntry(Paper p, String sourceId) {
    StringBuilder out = new StringBuilder();
    out.append(sourceId.isEmpty() ? "-" : "[" + sourceId + "]").append(' ');
    out.append(p.title().isEmpty() ? "(untitled)" : p.title());
    p.year().ifPresent(y -> out.append(" (").append(y).append(')'));
    out.append('\n');
    String byline = authors(p.authors(), 3);
    List<String> facts = new ArrayList<>();
    if (!byline.isEmpty()) {
      facts.add(byline);
    }
    if (!p.venue().isEmpty()) {
      facts.add(p.venue());
    }
    p.citationCount().ifPresent(c -> facts.add("cited by " + c));
    String ids = ids(p);
    if (!ids.isEmpty()) {
      facts.add(ids);
    }
    if (!facts.isEmpty()) {
      out.append("    ").append(String.join(" · ", facts)).append('\n');
    }
    if (!p.abstractText().isEmpty()) {
      out.append("    ").append(Texts.snippet(p.abstractText(), SNIPPET)).append('\n');
    }
    return out.toString();
  }

  /** The whole record, abstract included. */
  public static String full(Paper p, String sourceId) {
    StringBuilder out = new StringBuilder();
    out.append(sourceId.isEmpty() ? "" : "[" + sourceId + "] ")
        .append(p.title().isEmpty() ? "(untitled)" : p.title())
        .append('\n');
    line(out, "Authors", authors(p.authors(), 25));
    List<String> withDetail = new ArrayList<>();
    for (Author a : p.authors()) {
      if (!a.orcid().isEmpty() || !a.affiliations().isEmpty()) {
        String detail =
            a.name()
                + (a.orcid().isEmpty() ? "" : " (ORCID " + a.orcid() + ")")
                + (a.affiliations().isEmpty() ? "" : " — " + String.join("; ", a.affiliations()));
        withDetail.add(detail);
      }
      if (withDetail.size() >= 10) {
        break;
      }
    }
    line(out, "Affiliations", String.join(" | ", withDetail));
    line(
        out,
        "Published",
        p.publicationDate().isEmpty()
            ? p.year().isPresent() ? String.valueOf(p.year().getAsInt()) : ""
            : p.publicationDate());
    line(out, "Venue", p.venue());
    if (p.type() != PublicationType.UNKNOWN) {
      line(out, "Type", p.type().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    line(out, "Identifiers", allIds(p));
    p.citationCount().ifPresent(c -> line(out, "Cited by", String.valueOf(c)));
    p.referenceCount().ifPresent(c -> line(out, "References", String.valueOf(c)));
    line(out, "Fields", String.join(", ", p.fieldsOfStudy()));
    line(out, "Open access", p.openAccessUrl());
    line(out, "PDF", p.pdfUrl().equals(p.openAccessUrl()) ? "" : p.pdfUrl());
    line(out, "Page", p.landingUrl());
    line(
        out,
        "Sources",
        p.sourcesInOrder().stream()
            .map(PaperSource::displayName)
            .collect(Collectors.joining(", ")));
    out.append("Abstract: ")
        .append(p.abstractText().isEmpty() ? "(no abstract available)" : p.abstractText())
        .append('\n');
    return out.toString();
  }

  /** "Vaswani A, Shazeer N, Parmar N, et al." style, at most {@code max} names. */
  public static String authors(List<Author> authors, int max) {
    if (authors.isEmpty()) {
      return "";
    }
    List<String> names = authors.stream().limit(max).map(Author::name).toList();
    String joined = String.join(", ", names);
    return authors.size() > max ? joined + ", et al. (" + authors.size() + " authors)" : joined;
  }

  /**
   * The names in an {@code authors} attribute as {@link #authors} writes it: the "et al." tail, if
   * any, left out.
   */
  public static List<String> authorNames(String attribute) {
    String names = attribute.replaceFirst(",?\\s*et al\\..*$", "").strip();
    if (names.isEmpty()) {
      return List.of();
    }
    return java.util.Arrays.stream(names.split(",\\s*")).filter(n -> !n.isBlank()).toList();
  }

  private static String ids(Paper p) {
    List<String> ids = new ArrayList<>();
    if (!p.doi().isEmpty()) {
      ids.add("doi:" + p.doi());
    }
    if (!p.arxivId().isEmpty()) {
      ids.add("arXiv:" + p.arxivId());
    }
    if (!p.pmid().isEmpty()) {
      ids.add("PMID:" + p.pmid());
    }
    if (ids.isEmpty()) {
      String oa = p.otherIds().getOrDefault(Paper.ID_OPENALEX, "");
      String s2 = p.otherIds().getOrDefault(Paper.ID_SEMANTIC_SCHOLAR, "");
      if (!s2.isEmpty()) {
        ids.add(s2);
      } else if (!oa.isEmpty()) {
        ids.add(oa);
      }
    }
    return String.join(" ", ids);
  }

  private static String allIds(Paper p) {
    return p.ids().stream().map(Object::toString).collect(Collectors.joining(", "));
  }

  private static void line(StringBuilder out, String label, String value) {
    if (value != null && !value.isBlank()) {
      out.append(label).append(": ").append(value).append('\n');
    }
  }

  private static void put(Map<String, String> attrs, String key, String value) {
    if (value != null && !value.isBlank()) {
      attrs.put(key, value);
    }
  }
}
