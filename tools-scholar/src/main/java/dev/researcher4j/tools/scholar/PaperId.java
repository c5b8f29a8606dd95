package dev.researcher4j.tools.scholar;

import dev.researcher4j.tools.scholar.internal.Ids;
import java.util.Locale;
import java.util.Objects;

/**
 * An identifier of a paper, of one of the kinds the scholarly services understand.
 *
 * <p>{@link #parse(String)} reads whatever a person or a model is likely to write: a DOI (bare,
 * {@code doi:…} or a {@code doi.org} link), an arXiv id (with or without version, {@code arXiv:…}
 * or an {@code arxiv.org} link), {@code PMID:123}, {@code PMC123}, an OpenAlex id ({@code W…}), a
 * Semantic Scholar paper id (40 hex digits) or {@code CorpusId:…}, or any other URL. Values are
 * stored normalised (DOIs lower case, arXiv ids without version unless one was given).
 *
 * @param type what kind of identifier it is
 * @param value the identifier without any prefix ({@code 10.1038/nature14539}, {@code 1706.03762})
 */
public record PaperId(Type type, String value) {

  /** The kinds of identifier. */
  public enum Type {
    /** A Digital Object Identifier. */
    DOI,
    /** An arXiv identifier, new ({@code 1706.03762}) or old style ({@code hep-th/9901001}). */
    ARXIV,
    /** A PubMed id. */
    PMID,
    /** A PubMed Central id ({@code PMC…}). */
    PMCID,
    /** An OpenAlex work id ({@code W…}). */
    OPENALEX,
    /** A Semantic Scholar paper id (40 hex digits). */
    SEMANTIC_SCHOLAR,
    /** A Semantic Scholar corpus id (a number). */
    CORPUS_ID,
    /** A web address of a paper's page. */
    URL
  }

  /** Checks and normalises the value. */
  public PaperId {
    Objects.requireNonNull(type, "type is required, but was null");
    Objects.requireNonNull(value, "value is required, but was null");
    value = value.strip();
    if (value.isEmpty()) {
      throw new IllegalArgumentException("value is required, but was blank");
    }
    String normal =
        switch (type) {
          case DOI -> Ids.doi(value);
          case ARXIV -> Ids.arxivWithVersion(value);
          case PMID -> Ids.pmid(value);
          case PMCID -> Ids.pmcid(value);
          case OPENALEX -> Ids.openAlex(value);
          case SEMANTIC_SCHOLAR ->
              value.matches("[0-9a-fA-F]{40}") ? value.toLowerCase(Locale.ROOT) : "";
          case CORPUS_ID ->
              value.replaceFirst("(?i)^corpusid:", "").matches("\\d+")
                  ? value.replaceFirst("(?i)^corpusid:", "")
                  : "";
          case URL -> value.matches("(?i)https?://\\S+") ? value : "";
        };
    if (normal.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + value + "' is not a valid " + type.name().toLowerCase(Locale.ROOT) + " id");
    }
    value = normal;
  }

  /** A DOI. */
  public static PaperId doi(String doi) {
    return new PaperId(Type.DOI, doi);
  }

  /** An arXiv id. */
  public static PaperId arxiv(String arxivId) {
    return new PaperId(Type.ARXIV, arxivId);
  }

  /** A PubMed id. */
  public static PaperId pmid(String pmid) {
    return new PaperId(Type.PMID, pmid);
  }

  /**
   * Reads an identifier in any of the forms listed on this type.
   *
   * @throws IllegalArgumentException if {@code text} is blank or not any known kind of identifier;
   *     the message lists the accepted forms
   */
  public static PaperId parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("paper id is required, but was blank");
    }
    String value = text.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("arxiv:")
        || lower.contains("arxiv.org/")
        || lower.startsWith("10.48550/arxiv.")
        || (lower.contains("doi.org/10.48550/arxiv.") && !Ids.arxiv(Ids.doi(value)).isEmpty())) {
      String arxiv = Ids.arxivWithVersion(lower.contains("doi") ? Ids.doi(value) : value);
      if (!arxiv.isEmpty()) {
        return new PaperId(Type.ARXIV, arxiv);
      }
    }
    if (Ids.isDoi(value)) {
      return new PaperId(Type.DOI, value);
    }
    if (lower.startsWith("pmid:")
        || lower.contains("pubmed.ncbi.nlm.nih.gov/")
        || lower.contains("ncbi.nlm.nih.gov/pubmed/")) {
      if (!Ids.pmid(value).isEmpty()) {
        return new PaperId(Type.PMID, value);
      }
    }
    if (lower.matches("(pmcid:\\s*)?pmc\\d+") || lower.contains("/pmc/articles/pmc")) {
      return new PaperId(Type.PMCID, value);
    }
    if (lower.matches("w\\d+")
        || lower.matches("https?://(api\\.)?openalex\\.org/(works/)?w\\d+")) {
      return new PaperId(Type.OPENALEX, value);
    }
    if (lower.matches("corpusid:\\s*\\d+")) {
      return new PaperId(Type.CORPUS_ID, lower.replaceAll("\\s", ""));
    }
    if (lower.matches("[0-9a-f]{40}")) {
      return new PaperId(Type.SEMANTIC_SCHOLAR, value);
    }
    if (lower.matches("(s2:|semanticscholar:)[0-9a-f]{40}")) {
      return new PaperId(Type.SEMANTIC_SCHOLAR, value.substring(value.indexOf(':') + 1));
    }
    if (lower.matches("https?://(www\\.)?semanticscholar\\.org/paper/.*[0-9a-f]{40}/?")) {
      String tail = lower.replaceAll("/+$", "");
      return new PaperId(Type.SEMANTIC_SCHOLAR, tail.substring(tail.length() - 40));
    }
    if (!Ids.arxivWithVersion(value).isEmpty()) {
      return new PaperId(Type.ARXIV, value);
    }
    if (lower.matches("\\d{1,9}")) {
      return new PaperId(Type.PMID, value);
    }
    if (lower.matches("https?://\\S+")) {
      return new PaperId(Type.URL, value);
    }
    throw new IllegalArgumentException(
        "'"
            + value
            + "' is not a paper id I know; use a DOI (10.1038/nature14539), an arXiv id"
            + " (1706.03762), PMID:123456, PMC123456, an OpenAlex id (W2741809807), a Semantic"
            + " Scholar id (40 hex digits) or CorpusId:123, or the paper's URL");
  }

  /** The arXiv id without its version (for {@link Type#ARXIV}); the value otherwise. */
  public String unversioned() {
    return type == Type.ARXIV ? Ids.arxiv(value) : value;
  }

  /** The id as people write it: {@code doi:…}, {@code arXiv:…}, {@code PMID:…}, …. */
  @Override
  public String toString() {
    return switch (type) {
      case DOI -> "doi:" + value;
      case ARXIV -> "arXiv:" + value;
      case PMID -> "PMID:" + value;
      case CORPUS_ID -> "CorpusId:" + value;
      default -> value;
    };
  }
}
