package dev.researcher4j.tools.scholar;

import dev.researcher4j.tools.scholar.internal.Ids;
import dev.researcher4j.tools.scholar.internal.Texts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds records of the same paper among results from several sources and combines them.
 *
 * <p><b>Same paper.</b> Two records describe the same work when they share a DOI (compared in
 * canonical form: lower case, no {@code https://doi.org/}), an arXiv id (version ignored; arXiv's
 * own DOIs {@code 10.48550/arXiv.…} count as arXiv ids), a PubMed id, a PubMed Central, OpenAlex or
 * Semantic Scholar id, or else the same normalised title (accents, case and punctuation ignored; at
 * least three words) and the same year. A record without a year joins a title match only when the
 * title names one work. Title matching never joins two records whose (non-arXiv) DOIs differ.
 *
 * <p><b>Best value.</b> A combined record keeps every identifier and source. Bibliographic fields
 * (title, venue, year, date, type, links) come from the most authoritative record that has them:
 * Crossref, then PubMed, OpenAlex, Semantic Scholar, arXiv (a publisher's venue beats "arXiv"; a
 * journal DOI beats arXiv's DataCite DOI; a known type beats "preprint"). The abstract is the
 * longest one; citation and reference counts are the largest; the author list is the longest, with
 * ORCID iDs and affiliations filled in from the other lists; fields of study are united.
 *
 * <p>Stateless; all methods are thread-safe.
 */
public final class PaperMerger {

  /** The constant {@code k} of reciprocal rank fusion used by {@link #mergeRanked}. */
  public static final int RANK_FUSION_K = 60;

  private static final List<PaperSource> AUTHORITY =
      List.of(
          PaperSource.CROSSREF,
          PaperSource.PUBMED,
          PaperSource.OPENALEX,
          PaperSource.SEMANTIC_SCHOLAR,
          PaperSource.ARXIV);

  private PaperMerger() {}

  /**
   * The distinct papers in {@code papers}, each combined from all records of it, in the order in
   * which each paper first appears.
   */
  public static List<Paper> merge(List<Paper> papers) {
    List<List<Paper>> groups = group(papers);
    List<Paper> merged = new ArrayList<>(groups.size());
    for (List<Paper> group : groups) {
      merged.add(combine(group));
    }
    return merged;
  }

  /**
   * Merges ranked result lists (one per source, best first) into one list ranked by reciprocal rank
   * fusion: a paper scores {@code Σ 1 / (k + rank)} over the lists it appears in, so a paper that
   * several sources rank high comes first. Ties go to the more cited paper.
   */
  public static List<Paper> mergeRanked(List<List<Paper>> rankedLists) {
    List<Paper> all = new ArrayList<>();
    Map<Paper, Double> score = new java.util.IdentityHashMap<>();
    for (List<Paper> list : rankedLists) {
      for (int i = 0; i < list.size(); i++) {
        Paper p = list.get(i);
        all.add(p);
        score.merge(p, 1.0 / (RANK_FUSION_K + i + 1), Double::sum);
      }
    }
    List<List<Paper>> groups = group(all);
    List<Scored> scored = new ArrayList<>();
    for (List<Paper> group : groups) {
      double total = 0;
      for (Paper p : group) {
        total += score.getOrDefault(p, 0.0);
      }
      scored.add(new Scored(combine(group), total));
    }
    scored.sort(
        Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing(s -> -s.paper().citationCount().orElse(0)));
    return scored.stream().map(Scored::paper).toList();
  }

  private record Scored(Paper paper, double score) {}

  /** Whether {@code a} and {@code b} are records of the same work by the rules above. */
  public static boolean sameWork(Paper a, Paper b) {
    return group(List.of(a, b)).size() == 1;
  }

  /**
   * One record combining {@code records}, which must describe the same work (this is not checked).
   *
   * @throws IllegalArgumentException if {@code records} is empty
   */
  public static Paper combine(List<Paper> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("records must not be empty");
    }
    if (records.size() == 1) {
      return records.get(0);
    }
    List<Paper> byAuthority = new ArrayList<>(records);
    byAuthority.sort(Comparator.comparingInt(PaperMerger::authority));

    Paper.Builder out = Paper.builder();
    out.title(first(byAuthority, Paper::title));
    Paper dated =
        byAuthority.stream()
            .filter(p -> p.year().isPresent())
            .findFirst()
            .orElse(byAuthority.get(0));
    out.year(dated.year().isPresent() ? dated.year().getAsInt() : null);
    String date = dated.publicationDate();
    if (date.isEmpty()) {
      date =
          byAuthority.stream()
              .map(Paper::publicationDate)
              .filter(
                  d ->
                      !d.isEmpty()
                          && dated.year().isPresent()
                          && d.startsWith(String.valueOf(dated.year().getAsInt())))
              .findFirst()
              .orElse("");
    }
    out.publicationDate(date);
    out.venue(
        byAuthority.stream()
            .map(Paper::venue)
            .filter(v -> !v.isEmpty() && !isArxivVenue(v))
            .findFirst()
            .orElse(first(byAuthority, Paper::venue)));
    out.abstractText(
        records.stream()
            .map(Paper::abstractText)
            .max(Comparator.comparingInt(String::length))
            .orElse(""));
    out.doi(
        byAuthority.stream()
            .map(Paper::doi)
            .filter(d -> !d.isEmpty() && Ids.arxiv(d).isEmpty())
            .findFirst()
            .orElse(first(byAuthority, Paper::doi)));
    out.arxivId(first(byAuthority, Paper::arxivId));
    out.pmid(first(byAuthority, Paper::pmid));
    Map<String, String> ids = new LinkedHashMap<>();
    for (Paper p : byAuthority) {
      p.otherIds().forEach(ids::putIfAbsent);
    }
    ids.forEach(out::otherId);
    out.landingUrl(first(byAuthority, Paper::landingUrl));
    out.pdfUrl(first(byAuthority, Paper::pdfUrl));
    out.openAccessUrl(first(byAuthority, Paper::openAccessUrl));
    out.citationCount(max(records, Paper::citationCount));
    out.referenceCount(max(records, Paper::referenceCount));
    for (Paper p : byAuthority) {
      p.fieldsOfStudy().forEach(out::addFieldOfStudy);
    }
    out.type(bestType(byAuthority));
    Set<PaperSource> sources = EnumSet.noneOf(PaperSource.class);
    records.forEach(p -> sources.addAll(p.sources()));
    out.sources(sources);
    out.authors(bestAuthors(byAuthority));
    return out.build();
  }

  private static List<List<Paper>> group(List<Paper> papers) {
    int n = papers.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    Map<String, Integer> owner = new HashMap<>();
    for (int i = 0; i < n; i++) {
      for (String key : idKeys(papers.get(i))) {
        Integer other = owner.putIfAbsent(key, i);
        if (other != null) {
          union(parent, other, i);
        }
      }
    }
    // Title matching second, so that it can see which DOIs each id-based group already holds.
    Map<String, List<Integer>> byTitle = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = titleKey(papers.get(i));
      if (!key.isEmpty()) {
        byTitle.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> same : byTitle.values()) {
      Map<Integer, Integer> firstByYear = new LinkedHashMap<>();
      List<Integer> noYear = new ArrayList<>();
      for (int i : same) {
        var year = papers.get(i).year();
        if (year.isEmpty()) {
          noYear.add(i);
          continue;
        }
        Integer first = firstByYear.putIfAbsent(year.getAsInt(), i);
        if (first != null && compatible(papers, parent, first, i)) {
          union(parent, first, i);
        }
      }
      Set<Integer> roots = new HashSet<>();
      firstByYear.values().forEach(i -> roots.add(find(parent, i)));
      for (int i : noYear) {
        if (roots.size() == 1) {
          int root = roots.iterator().next();
          if (compatible(papers, parent, root, i)) {
            union(parent, root, i);
          }
        } else if (roots.isEmpty()) {
          roots.add(find(parent, i));
        }
      }
    }
    Map<Integer, List<Paper>> groups = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      groups.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(papers.get(i));
    }
    return new ArrayList<>(groups.values());
  }

  private static boolean compatible(List<Paper> papers, int[] parent, int a, int b) {
    Set<String> doisA = new HashSet<>();
    Set<String> doisB = new HashSet<>();
    int rootA = find(parent, a);
    int rootB = find(parent, b);
    for (int i = 0; i < papers.size(); i++) {
      String doi = papers.get(i).doi();
      if (doi.isEmpty() || !Ids.arxiv(doi).isEmpty()) {
        continue;
      }
      int root = find(parent, i);
      if (root == rootA) {
        doisA.add(doi);
      } else if (root == rootB) {
        doisB.add(doi);
      }
    }
    if (doisA.isEmpty() || doisB.isEmpty()) {
      return true;
    }
    doisA.retainAll(doisB);
    return !doisA.isEmpty();
  }

  private static List<String> idKeys(Paper p) {
    List<String> keys = new ArrayList<>();
    if (!p.doi().isEmpty()) {
      String arxiv = Ids.arxiv(p.doi());
      keys.add(arxiv.isEmpty() ? "doi:" + p.doi() : "arxiv:" + arxiv.toLowerCase(Locale.ROOT));
    }
    if (!p.arxivId().isEmpty()) {
      keys.add("arxiv:" + p.arxivId().toLowerCase(Locale.ROOT));
    }
    if (!p.pmid().isEmpty()) {
      keys.add("pmid:" + p.pmid());
    }
    for (String kind :
        List.of(Paper.ID_PMCID, Paper.ID_OPENALEX, Paper.ID_SEMANTIC_SCHOLAR, Paper.ID_CORPUS)) {
      String value = p.otherIds().get(kind);
      if (value != null && !value.isBlank()) {
        keys.add(kind + ":" + value.toLowerCase(Locale.ROOT));
      }
    }
    return keys;
  }

  private static String titleKey(Paper p) {
    String key = Texts.titleKey(p.title());
    return key.length() >= 15 && key.split(" ").length >= 3 ? key : "";
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      // The earlier record stays the root, so groups keep first-appearance order.
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  private static int authority(Paper p) {
    int best = AUTHORITY.size();
    for (PaperSource s : p.sources()) {
      best = Math.min(best, AUTHORITY.indexOf(s));
    }
    return best;
  }

  private static String first(List<Paper> papers, java.util.function.Function<Paper, String> f) {
    return papers.stream().map(f).filter(v -> !v.isEmpty()).findFirst().orElse("");
  }

  private static Integer max(
      List<Paper> papers, java.util.function.Function<Paper, java.util.OptionalInt> f) {
    return papers.stream()
        .map(f)
        .filter(java.util.OptionalInt::isPresent)
        .map(java.util.OptionalInt::getAsInt)
        .max(Integer::compare)
        .orElse(null);
  }

  private static boolean isArxivVenue(String venue) {
    String v = venue.toLowerCase(Locale.ROOT);
    return v.equals("arxiv") || v.equals("arxiv.org") || v.startsWith("arxiv (");
  }

  private static PublicationType bestType(List<Paper> byAuthority) {
    PublicationType fallback = PublicationType.UNKNOWN;
    for (Paper p : byAuthority) {
      if (p.type() == PublicationType.PREPRINT) {
        fallback = PublicationType.PREPRINT;
      } else if (p.type() != PublicationType.UNKNOWN) {
        return p.type();
      }
    }
    return fallback;
  }

  private static List<Author> bestAuthors(List<Paper> byAuthority) {
    List<Author> best = List.of();
    for (Paper p : byAuthority) {
      if (p.authors().size() > best.size()) {
        best = p.authors();
      }
    }
    List<Author> enriched = new ArrayList<>(best.size());
    for (int i = 0; i < best.size(); i++) {
      Author author = best.get(i);
      for (Paper p : byAuthority) {
        Author other = matching(p.authors(), i, author);
        if (other == null) {
          continue;
        }
        if (author.orcid().isEmpty() && !other.orcid().isEmpty()) {
          author = author.withOrcid(other.orcid());
        }
        if (author.affiliations().isEmpty() && !other.affiliations().isEmpty()) {
          author = author.withAffiliations(other.affiliations());
        }
        if (author.givenName().isEmpty()
            && !other.givenName().isEmpty()
            && nameKey(author.familyOrName()).equals(nameKey(other.familyName()))) {
          author =
              new Author(
                  author.name(),
                  other.givenName(),
                  other.familyName(),
                  author.orcid(),
                  author.affiliations());
        }
      }
      enriched.add(author);
    }
    return enriched;
  }

  private static Author matching(List<Author> authors, int index, Author wanted) {
    String family = nameKey(wanted.familyOrName());
    if (index < authors.size()
        && Objects.equals(nameKey(authors.get(index).familyOrName()), family)) {
      return authors.get(index);
    }
    for (Author a : authors) {
      if (nameKey(a.familyOrName()).equals(family) && !family.isEmpty()) {
        return a;
      }
    }
    return null;
  }

  private static String nameKey(String name) {
    return Texts.stripAccents(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }
}
