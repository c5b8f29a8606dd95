package dev.researcher4j.tools.scholar.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalises scholarly identifiers so that the same paper gets the same key from every source. */
public final class Ids {
  private Ids() {}

  /** A modern arXiv id ({@code 1706.03762}, {@code 2101.00001v2}). */
  private static final Pattern NEW_ARXIV = Pattern.compile("(\\d{4}\\.\\d{4,5})(v\\d+)?");

  /** A pre-2007 arXiv id ({@code hep-th/9901001}, {@code math.GT/0309136v1}). */
  private static final Pattern OLD_ARXIV =
      Pattern.compile("([a-z][a-z-]*(?:\\.[A-Za-z]{2})?/\\d{7})(v\\d+)?");

  private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");
  private static final Pattern ARXIV_DOI =
      Pattern.compile("10\\.48550/arxiv\\.(.+)", Pattern.CASE_INSENSITIVE);

  /**
   * A DOI in canonical form: lower case, without {@code https://doi.org/}, {@code doi:} or {@code
   * dx.doi.org} prefixes and without surrounding white space; empty when {@code raw} holds no DOI.
   */
  public static String doi(String raw) {
    if (raw == null) {
      return "";
    }
    String value = raw.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    for (String prefix :
        new String[] {
          "https://doi.org/",
          "http://doi.org/",
          "https://dx.doi.org/",
          "http://dx.doi.org/",
          "doi.org/",
          "doi:",
        }) {
      if (lower.startsWith(prefix)) {
        value = value.substring(prefix.length()).strip();
        lower = value.toLowerCase(Locale.ROOT);
        break;
      }
    }
    Matcher m = DOI.matcher(lower);
    return m.matches() ? lower : "";
  }

  /** Whether {@code raw} looks like a DOI (with or without a prefix). */
  public static boolean isDoi(String raw) {
    return !doi(raw).isEmpty();
  }

  /**
   * The arXiv id in {@code raw} without its version ({@code arXiv:1706.03762v7} and {@code
   * https://arxiv.org/abs/1706.03762v7} both give {@code 1706.03762}); empty when there is none.
   */
  public static String arxiv(String raw) {
    String[] parts = arxivParts(raw);
    return parts == null ? "" : parts[0];
  }

  /** The arXiv id in {@code raw} with its version when it has one; empty when there is none. */
  public static String arxivWithVersion(String raw) {
    String[] parts = arxivParts(raw);
    return parts == null ? "" : parts[0] + parts[1];
  }

  private static String[] arxivParts(String raw) {
    if (raw == null) {
      return null;
    }
    String value = raw.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    int abs = indexAfter(lower, "arxiv.org/abs/");
    if (abs < 0) {
      abs = indexAfter(lower, "arxiv.org/pdf/");
    }
    if (abs < 0) {
      abs = indexAfter(lower, "arxiv.org/html/");
    }
    if (abs >= 0) {
      value = value.substring(abs);
      if (value.toLowerCase(Locale.ROOT).endsWith(".pdf")) {
        value = value.substring(0, value.length() - 4);
      }
    } else if (lower.startsWith("arxiv:")) {
      value = value.substring(6).strip();
    } else {
      Matcher doi = ARXIV_DOI.matcher(value);
      if (doi.matches()) {
        value = doi.group(1);
      }
    }
    Matcher m = NEW_ARXIV.matcher(value);
    if (m.matches()) {
      return new String[] {m.group(1), m.group(2) == null ? "" : m.group(2)};
    }
    m = OLD_ARXIV.matcher(value);
    if (m.matches()) {
      return new String[] {m.group(1), m.group(2) == null ? "" : m.group(2)};
    }
    return null;
  }

  /** The DOI arXiv registers for its preprints, {@code 10.48550/arxiv.<id>}. */
  public static String arxivDoi(String arxivId) {
    return "10.48550/arxiv." + arxiv(arxivId).toLowerCase(Locale.ROOT);
  }

  /** A PubMed id (digits only), from a bare number, {@code PMID:…} or a PubMed URL; else empty. */
  public static String pmid(String raw) {
    if (raw == null) {
      return "";
    }
    String value = raw.strip();
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("pmid:")) {
      value = value.substring(5).strip();
    } else {
      int at = indexAfter(lower, "pubmed.ncbi.nlm.nih.gov/");
      if (at < 0) {
        at = indexAfter(lower, "ncbi.nlm.nih.gov/pubmed/");
      }
      if (at >= 0) {
        value = value.substring(at).replaceAll("/+$", "");
      }
    }
    return value.matches("\\d{1,9}") ? value : "";
  }

  /** A PubMed Central id as {@code PMC123}, from {@code PMC123}, {@code 123} or a PMC URL. */
  public static String pmcid(String raw) {
    if (raw == null) {
      return "";
    }
    String value = raw.strip().replaceAll("/+$", "");
    int slash = value.lastIndexOf('/');
    if (slash >= 0) {
      value = value.substring(slash + 1);
    }
    String upper = value.toUpperCase(Locale.ROOT);
    if (upper.startsWith("PMCID:")) {
      upper = upper.substring(6).strip();
    }
    if (upper.matches("PMC\\d+")) {
      return upper;
    }
    return upper.matches("\\d+") ? "PMC" + upper : "";
  }

  /** An OpenAlex work id ({@code W2741809807}) from the id or its {@code openalex.org} URL. */
  public static String openAlex(String raw) {
    if (raw == null) {
      return "";
    }
    String value = raw.strip().replaceAll("/+$", "");
    int slash = value.lastIndexOf('/');
    if (slash >= 0) {
      value = value.substring(slash + 1);
    }
    String upper = value.toUpperCase(Locale.ROOT);
    return upper.matches("W\\d+") ? upper : "";
  }

  private static int indexAfter(String text, String marker) {
    int at = text.indexOf(marker);
    return at < 0 ? -1 : at + marker.length();
  }
}
