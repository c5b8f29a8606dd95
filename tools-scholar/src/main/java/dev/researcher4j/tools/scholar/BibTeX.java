package dev.researcher4j.tools.scholar;

import dev.researcher4j.tools.scholar.internal.Texts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes papers as BibTeX entries, so that a report's references can go straight into LaTeX.
 *
 * <p><b>Entry type</b> follows {@link Paper#type()}: {@code @article} (journal articles, reviews,
 * and papers of unknown type with a venue), {@code @inproceedings}, {@code @book}, {@code
 * @incollection}, {@code @phdthesis}, else {@code @misc}. arXiv papers carry {@code eprint}, {@code
 * archivePrefix = {arXiv}} and, when known, {@code primaryClass}. Fields no source gave are left
 * out, never written empty.
 *
 * <p><b>Characters.</b> BibTeX's special characters {@code { } & % $ # _ ^ ~ \} are escaped ({@code
 * \&}, {@code \textbackslash{}}, …). Other non-ASCII characters (accents, Greek, CJK) are kept as
 * UTF-8, not turned into TeX accent macros: biber/biblatex and every modern BibTeX read UTF-8
 * files, and macros would mangle scripts that have none. Titles are wrapped in a second pair of
 * braces so that styles keep their capitalisation.
 *
 * <p><b>Keys</b> are stable: first author's family name, year and first significant title word,
 * lower-case ASCII ({@code vaswani2017attention}); {@code anon} and {@code nd} stand in for a
 * missing author or year. {@link #format(List)} makes keys unique by adding {@code b}, {@code c}, …
 * to repeats.
 *
 * <p>Stateless and thread-safe.
 */
public final class BibTeX {
  private BibTeX() {}

  private static final Set<String> SKIP_WORDS =
      Set.of(
          "a", "an", "the", "on", "of", "in", "for", "to", "and", "or", "with", "by", "at", "from",
          "is", "are", "towards", "toward", "via", "into", "about", "using", "how", "what", "why",
          "when", "do", "does", "can", "we", "our", "der", "die", "das", "le", "la", "les", "el");

  /** The stable citation key of {@code paper} (see the class description). */
  public static String citationKey(Paper paper) {
    String family = paper.authors().isEmpty() ? "" : paper.authors().get(0).familyOrName();
    String name = asciiWord(family.contains(" ") ? last(family) : family);
    String year = paper.year().isPresent() ? String.valueOf(paper.year().getAsInt()) : "nd";
    String word = "";
    for (String w : Texts.stripAccents(paper.title()).split("[^A-Za-z0-9]+")) {
      String lower = w.toLowerCase(Locale.ROOT);
      if (lower.matches(".*[a-z].*") && !SKIP_WORDS.contains(lower)) {
        word = lower;
        break;
      }
    }
    return (name.isEmpty() ? "anon" : name) + year + word;
  }

  /** One entry for {@code paper}, keyed by {@link #citationKey(Paper)}. */
  public static String format(Paper paper) {
    return entry(paper, citationKey(paper));
  }

  /** One entry for {@code paper} under {@code key} (see {@link #uniqueKeys} for keys of a list). */
  public static String format(Paper paper, String key) {
    if (key == null || !key.matches("[^\\s,{}]+")) {
      throw new IllegalArgumentException(
          "a BibTeX key needs no spaces, commas or braces, but was '" + key + "'");
    }
    return entry(paper, key);
  }

  /** Entries for {@code papers}, separated by blank lines, with unique keys. */
  public static String format(List<Paper> papers) {
    List<String> entries = new ArrayList<>();
    List<String> keys = uniqueKeys(papers);
    for (int i = 0; i < papers.size(); i++) {
      entries.add(entry(papers.get(i), keys.get(i)));
    }
    return String.join("\n", entries);
  }

  /** The keys {@link #format(List)} gives {@code papers}, in order. */
  public static List<String> uniqueKeys(List<Paper> papers) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> keys = new ArrayList<>();
    for (Paper p : papers) {
      String key = citationKey(p);
      int n = seen.merge(key, 1, Integer::sum);
      keys.add(n == 1 ? key : key + suffix(n));
    }
    return keys;
  }

  /** {@code text} with BibTeX's special characters escaped; other characters kept as they are. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\textbackslash{}");
        case '{', '}', '&', '%', '$', '#', '_' -> out.append('\\').append(c);
        case '^' -> out.append("\\^{}");
        case '~' -> out.append("\\~{}");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String entry(Paper p, String key) {
    Map<String, String> fields = new LinkedHashMap<>();
    String type = entryType(p);
    if (!p.title().isEmpty()) {
      fields.put("title", "{" + escape(p.title()) + "}");
    }
    if (!p.authors().isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Author a : p.authors()) {
        names.add(authorName(a));
      }
      fields.put("author", String.join(" and ", names));
    }
    String venue = p.venue();
    boolean arxivVenue = venue.toLowerCase(Locale.ROOT).startsWith("arxiv");
    if (!venue.isEmpty() && !arxivVenue) {
      switch (type) {
        case "article" -> fields.put("journal", escape(venue));
        case "inproceedings", "incollection" -> fields.put("booktitle", escape(venue));
        case "phdthesis" -> fields.put("school", escape(venue));
        case "book" -> fields.put("publisher", escape(venue));
        default -> fields.put("howpublished", escape(venue));
      }
    }
    if (p.year().isPresent()) {
      fields.put("year", String.valueOf(p.year().getAsInt()));
    }
    if (p.publicationDate().length() >= 7) {
      fields.put("month", MONTHS[Integer.parseInt(p.publicationDate().substring(5, 7)) - 1]);
    }
    if (!p.doi().isEmpty()) {
      fields.put("doi", escape(p.doi()));
    }
    if (!p.arxivId().isEmpty()) {
      fields.put("eprint", p.arxivId());
      fields.put("archivePrefix", "arXiv");
      p.fieldsOfStudy().stream()
          .filter(f -> f.matches("[a-z-]+(\\.[A-Za-z-]+)?") && f.contains("."))
          .findFirst()
          .ifPresent(c -> fields.put("primaryClass", c));
    }
    if (!p.pmid().isEmpty()) {
      fields.put("pmid", p.pmid());
    }
    if (p.doi().isEmpty() && p.arxivId().isEmpty() && !p.citationUrl().isEmpty()) {
      // DOIs and arXiv ids already locate the paper; anything else needs its address.
      fields.put("url", escape(p.citationUrl()));
    }
    StringBuilder out = new StringBuilder("@").append(type).append('{').append(key);
    fields.forEach((k, v) -> out.append(",\n  ").append(k).append(" = {").append(v).append('}'));
    return out.append("\n}\n").toString();
  }

  private static final String[] MONTHS = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
  };

  private static String entryType(Paper p) {
    return switch (p.type()) {
      case JOURNAL_ARTICLE, REVIEW -> "article";
      case CONFERENCE_PAPER -> "inproceedings";
      case BOOK -> "book";
      case BOOK_CHAPTER -> "incollection";
      case THESIS -> "phdthesis";
      case UNKNOWN ->
          !p.venue().isEmpty() && !p.venue().toLowerCase(Locale.ROOT).startsWith("arxiv")
              ? "article"
              : "misc";
      default -> "misc";
    };
  }

  private static String authorName(Author a) {
    if (a.familyName().isEmpty()) {
      // An organisation or a single name: braces keep BibTeX from splitting it into parts.
      return "{" + escape(a.name()) + "}";
    }
    String family = escape(a.familyName());
    if (family.contains(",")) {
      family = "{" + family + "}";
    }
    return a.givenName().isEmpty() ? family : family + ", " + escape(a.givenName());
  }

  private static String asciiWord(String text) {
    return Texts.stripAccents(text).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  private static String last(String text) {
    String[] words = text.strip().split("\\s+");
    return words[words.length - 1];
  }

  private static String suffix(int n) {
    StringBuilder s = new StringBuilder();
    int v = n - 1; // 2 -> "b", 3 -> "c", 27 -> "ab"
    do {
      s.insert(0, (char) ('a' + v % 26));
      v = v / 26 - 1;
    } while (v >= 0);
    return s.toString();
  }
}
