package dev.researcher4j.tools.scholar;

import java.util.Locale;

/**
 * A scholarly service a {@link Paper} can come from.
 *
 * <p>{@link #key()} is the short name used in tool arguments and configuration ({@code arxiv},
 * {@code semantic_scholar}, …); {@link #displayName()} is for people.
 */
public enum PaperSource {
  /** The arXiv preprint server's API. */
  ARXIV("arxiv", "arXiv"),
  /** The Semantic Scholar Graph API. */
  SEMANTIC_SCHOLAR("semantic_scholar", "Semantic Scholar"),
  /** The OpenAlex works API. */
  OPENALEX("openalex", "OpenAlex"),
  /** The Crossref REST API. */
  CROSSREF("crossref", "Crossref"),
  /** NCBI's PubMed, through the E-utilities. */
  PUBMED("pubmed", "PubMed");

  private final String key;
  private final String displayName;

  PaperSource(String key, String displayName) {
    this.key = key;
    this.displayName = displayName;
  }

  /** The short lower-case name, such as {@code semantic_scholar}. */
  public String key() {
    return key;
  }

  /** The name people know, such as {@code Semantic Scholar}. */
  public String displayName() {
    return displayName;
  }

  /**
   * The source named {@code name}: its key, its enum name or its display name, in any case, with
   * {@code -}, {@code _} and spaces treated alike ({@code "semantic-scholar"}, {@code "S2"} also
   * work for Semantic Scholar).
   *
   * @throws IllegalArgumentException if no source has that name
   */
  public static PaperSource fromName(String name) {
    if (name == null) {
      throw new IllegalArgumentException("source name is required, but was null");
    }
    String wanted = squash(name);
    if (wanted.equals("s2")) {
      return SEMANTIC_SCHOLAR;
    }
    for (PaperSource source : values()) {
      if (squash(source.key).equals(wanted) || squash(source.displayName).equals(wanted)) {
        return source;
      }
    }
    throw new IllegalArgumentException(
        "unknown paper source '"
            + name
            + "'; known sources: arxiv, semantic_scholar, openalex, crossref, pubmed");
  }

  private static String squash(String value) {
    return value.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
  }
}
