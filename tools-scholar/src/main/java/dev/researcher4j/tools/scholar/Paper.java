package dev.researcher4j.tools.scholar;

import dev.researcher4j.tools.scholar.internal.Ids;
import dev.researcher4j.tools.scholar.internal.PaperFields;
import dev.researcher4j.tools.scholar.internal.PaperLinks;
import dev.researcher4j.tools.scholar.internal.Texts;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A scholarly paper as one or more sources describe it: bibliographic data, identifiers, links and
 * counts, and which sources it came from.
 *
 * <p>Text fields are empty strings when unknown, collections are empty, never {@code null}, and
 * numbers that no source gave are empty {@link OptionalInt}s. Identifiers are stored normalised:
 * DOIs lower case without {@code https://doi.org/}, arXiv ids without version (the versioned id,
 * when known, is in {@link #otherIds()} under {@link #ID_ARXIV_VERSIONED}). Records of the same
 * paper from several sources are combined with {@link PaperMerger}.
 *
 * <p>Immutable and thread-safe. Make one with {@link #builder()} or {@link #toBuilder()}.
 */
public final class Paper {

  /** Key in {@link #otherIds()} of the Semantic Scholar paper id. */
  public static final String ID_SEMANTIC_SCHOLAR = "s2";

  /** Key in {@link #otherIds()} of the Semantic Scholar corpus id. */
  public static final String ID_CORPUS = "corpus_id";

  /** Key in {@link #otherIds()} of the OpenAlex work id ({@code W…}). */
  public static final String ID_OPENALEX = "openalex";

  /** Key in {@link #otherIds()} of the PubMed Central id ({@code PMC…}). */
  public static final String ID_PMCID = "pmcid";

  /** Key in {@link #otherIds()} of the Microsoft Academic Graph id. */
  public static final String ID_MAG = "mag";

  /** Key in {@link #otherIds()} of the DBLP key. */
  public static final String ID_DBLP = "dblp";

  /** Key in {@link #otherIds()} of the arXiv id with its version ({@code 1706.03762v7}). */
  public static final String ID_ARXIV_VERSIONED = "arxiv_versioned";

  private final String title;
  private final List<Author> authors;
  private final Integer year;
  private final String publicationDate;
  private final String venue;
  private final String abstractText;
  private final String doi;
  private final String arxivId;
  private final String pmid;
  private final Map<String, String> otherIds;
  private final String landingUrl;
  private final String pdfUrl;
  private final String openAccessUrl;
  private final Integer citationCount;
  private final Integer referenceCount;
  private final List<String> fieldsOfStudy;
  private final PublicationType type;
  private final Set<PaperSource> sources;

  private Paper(Builder b) {
    this.title = b.title;
    this.authors = List.copyOf(b.authors);
    this.year = b.year;
    this.publicationDate = b.publicationDate;
    this.venue = b.venue;
    this.abstractText = b.abstractText;
    this.doi = b.doi;
    this.arxivId = b.arxivId;
    this.pmid = b.pmid;
    this.otherIds = Map.copyOf(b.otherIds);
    this.landingUrl = b.landingUrl;
    this.pdfUrl = b.pdfUrl;
    this.openAccessUrl = b.openAccessUrl;
    this.citationCount = b.citationCount;
    this.referenceCount = b.referenceCount;
    this.fieldsOfStudy = List.copyOf(b.fieldsOfStudy);
    this.type = b.type;
    this.sources = b.sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.sources));
  }

  /** A builder for a paper with no fields set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this paper. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.title = title;
    b.authors.addAll(authors);
    b.year = year;
    b.publicationDate = publicationDate;
    b.venue = venue;
    b.abstractText = abstractText;
    b.doi = doi;
    b.arxivId = arxivId;
    b.pmid = pmid;
    b.otherIds.putAll(otherIds);
    b.landingUrl = landingUrl;
    b.pdfUrl = pdfUrl;
    b.openAccessUrl = openAccessUrl;
    b.citationCount = citationCount;
    b.referenceCount = referenceCount;
    b.fieldsOfStudy.addAll(fieldsOfStudy);
    b.type = type;
    b.sources.addAll(sources);
    return b;
  }

  /** The title, plain text, or empty. */
  public String title() {
    return title;
  }

  /** The authors in order; empty when unknown. */
  public List<Author> authors() {
    return authors;
  }

  /** The year of publication, if known. */
  public OptionalInt year() {
    return year == null ? OptionalInt.empty() : OptionalInt.of(year);
  }

  /**
   * The publication date in ISO form, as precise as known ({@code 2017}, {@code 2017-06} or {@code
   * 2017-06-12}), or empty.
   */
  public String publicationDate() {
    return publicationDate;
  }

  /** The journal, conference or repository, or empty. */
  public String venue() {
    return venue;
  }

  /** The abstract as plain text, or empty. */
  public String abstractText() {
    return abstractText;
  }

  /** The DOI, lower case and without prefix ({@code 10.1038/nature14539}), or empty. */
  public String doi() {
    return doi;
  }

  /** The arXiv id without version ({@code 1706.03762}), or empty. */
  public String arxivId() {
    return arxivId;
  }

  /** The PubMed id, or empty. */
  public String pmid() {
    return pmid;
  }

  /** Further identifiers by kind; see the {@code ID_*} constants for the keys. */
  public Map<String, String> otherIds() {
    return otherIds;
  }

  /** The publisher's or repository's page for the paper, or empty. */
  public String landingUrl() {
    return landingUrl;
  }

  /** A direct link to a PDF, or empty. */
  public String pdfUrl() {
    return pdfUrl;
  }

  /** Where a free (open access) copy can be read, or empty. */
  public String openAccessUrl() {
    return openAccessUrl;
  }

  /** How many works cite this one, as the most generous source counts, if any source said. */
  public OptionalInt citationCount() {
    return citationCount == null ? OptionalInt.empty() : OptionalInt.of(citationCount);
  }

  /** How many works this one cites, if any source said. */
  public OptionalInt referenceCount() {
    return referenceCount == null ? OptionalInt.empty() : OptionalInt.of(referenceCount);
  }

  /** Subjects or fields of study, as the sources name them. */
  public List<String> fieldsOfStudy() {
    return fieldsOfStudy;
  }

  /** What sort of publication it is. */
  public PublicationType type() {
    return type;
  }

  /** The services this record was built from. */
  public Set<PaperSource> sources() {
    return sources;
  }

  /** The sources in declaration order ({@link PaperSource} order), for stable output. */
  public List<PaperSource> sourcesInOrder() {
    return sources.isEmpty() ? List.of() : List.copyOf(EnumSet.copyOf(sources));
  }

  /** Every identifier known for this paper, the most widely understood first. */
  public List<PaperId> ids() {
    return PaperLinks.ids(this);
  }

  /**
   * The address to cite: the DOI link, else the arXiv abstract page, else the landing page, else
   * any other link; empty when the paper has none.
   */
  public String citationUrl() {
    return PaperLinks.citationUrl(this);
  }

  /**
   * This paper combined with {@code other} (assumed to be the same work); see {@link PaperMerger}.
   */
  public Paper mergedWith(Paper other) {
    return PaperMerger.combine(List.of(this, other));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Paper p
        && title.equals(p.title)
        && authors.equals(p.authors)
        && Objects.equals(year, p.year)
        && publicationDate.equals(p.publicationDate)
        && venue.equals(p.venue)
        && abstractText.equals(p.abstractText)
        && doi.equals(p.doi)
        && arxivId.equals(p.arxivId)
        && pmid.equals(p.pmid)
        && otherIds.equals(p.otherIds)
        && landingUrl.equals(p.landingUrl)
        && pdfUrl.equals(p.pdfUrl)
        && openAccessUrl.equals(p.openAccessUrl)
        && Objects.equals(citationCount, p.citationCount)
        && Objects.equals(referenceCount, p.referenceCount)
        && fieldsOfStudy.equals(p.fieldsOfStudy)
        && type == p.type
        && sources.equals(p.sources);
  }

  @Override
  public int hashCode() {
    return Objects.hash(title, authors, year, doi, arxivId, pmid, otherIds, sources);
  }

  /** A short description for logs: title, first author, year and ids. */
  @Override
  public String toString() {
    return "Paper{title='"
        + Texts.snippet(title, 80)
        + "', authors="
        + authors.size()
        + (year == null ? "" : ", year=" + year)
        + (doi.isEmpty() ? "" : ", doi=" + doi)
        + (arxivId.isEmpty() ? "" : ", arxiv=" + arxivId)
        + (pmid.isEmpty() ? "" : ", pmid=" + pmid)
        + (otherIds.isEmpty() ? "" : ", otherIds=" + new java.util.TreeMap<>(otherIds))
        + ", sources="
        + sourcesInOrder()
        + '}';
  }

  /**
   * Builds a {@link Paper}. Setters accept {@code null} as "unknown", trim text and normalise
   * identifiers; values that are not identifiers of the named kind are ignored rather than
   * rejected, because sources do send garbage and one bad field should not lose a paper. Not
   * thread-safe.
   */
  public static final class Builder {
    private String title = "";
    private final List<Author> authors = new ArrayList<>();
    private Integer year;
    private String publicationDate = "";
    private String venue = "";
    private String abstractText = "";
    private String doi = "";
    private String arxivId = "";
    private String pmid = "";
    private final Map<String, String> otherIds = new LinkedHashMap<>();
    private String landingUrl = "";
    private String pdfUrl = "";
    private String openAccessUrl = "";
    private Integer citationCount;
    private Integer referenceCount;
    private final List<String> fieldsOfStudy = new ArrayList<>();
    private PublicationType type = PublicationType.UNKNOWN;
    private final Set<PaperSource> sources = EnumSet.noneOf(PaperSource.class);

    private Builder() {}

    /** The title; markup such as {@code <i>} is removed and white space collapsed. */
    public Builder title(String title) {
      this.title = Texts.stripMarkup(title);
      return this;
    }

    /** Replaces the authors. */
    public Builder authors(Collection<Author> authors) {
      this.authors.clear();
      if (authors != null) {
        authors.stream().filter(Objects::nonNull).forEach(this.authors::add);
      }
      return this;
    }

    /** Adds one author. */
    public Builder addAuthor(Author author) {
      if (author != null) {
        authors.add(author);
      }
      return this;
    }

    /** The year; values outside 1000..2999 are treated as unknown. */
    public Builder year(Integer year) {
      this.year = PaperFields.year(year);
      return this;
    }

    /**
     * The ISO date ({@code 2017}, {@code 2017-06}, {@code 2017-06-12}); a longer timestamp is cut
     * to its date, anything else is ignored. Sets the year too when none is set.
     */
    public Builder publicationDate(String date) {
      this.publicationDate = PaperFields.isoDate(date);
      if (year == null && !publicationDate.isEmpty()) {
        year(Integer.parseInt(publicationDate.substring(0, 4)));
      }
      return this;
    }

    /** The venue (journal, conference, repository). */
    public Builder venue(String venue) {
      this.venue = Texts.stripMarkup(venue);
      return this;
    }

    /** The abstract; markup is removed and white space collapsed. */
    public Builder abstractText(String abstractText) {
      this.abstractText = Texts.stripMarkup(abstractText);
      return this;
    }

    /** The DOI in any common form; ignored if it is not a DOI. */
    public Builder doi(String doi) {
      this.doi = Ids.doi(doi);
      return this;
    }

    /** The arXiv id in any common form; the version, if given, is kept in the other ids. */
    public Builder arxivId(String arxivId) {
      this.arxivId = Ids.arxiv(arxivId);
      String versioned = Ids.arxivWithVersion(arxivId);
      if (!versioned.isEmpty() && !versioned.equals(this.arxivId)) {
        otherIds.put(ID_ARXIV_VERSIONED, versioned);
      }
      return this;
    }

    /** The PubMed id. */
    public Builder pmid(String pmid) {
      this.pmid = Ids.pmid(pmid);
      return this;
    }

    /** Sets one other identifier (see the {@code ID_*} keys); blank values are ignored. */
    public Builder otherId(String key, String value) {
      Objects.requireNonNull(key, "key is required, but was null");
      if (value != null && !value.isBlank()) {
        otherIds.put(key, value.strip());
      }
      return this;
    }

    /** The landing page URL. */
    public Builder landingUrl(String url) {
      this.landingUrl = PaperFields.url(url);
      return this;
    }

    /** A direct PDF link. */
    public Builder pdfUrl(String url) {
      this.pdfUrl = PaperFields.url(url);
      return this;
    }

    /** Where an open-access copy is. */
    public Builder openAccessUrl(String url) {
      this.openAccessUrl = PaperFields.url(url);
      return this;
    }

    /** The citation count; negative values are treated as unknown. */
    public Builder citationCount(Integer count) {
      this.citationCount = PaperFields.count(count);
      return this;
    }

    /** The reference count; negative values are treated as unknown. */
    public Builder referenceCount(Integer count) {
      this.referenceCount = PaperFields.count(count);
      return this;
    }

    /** Replaces the fields of study; duplicates (ignoring case) and blanks are dropped. */
    public Builder fieldsOfStudy(Collection<String> fields) {
      this.fieldsOfStudy.clear();
      if (fields != null) {
        fields.forEach(this::addFieldOfStudy);
      }
      return this;
    }

    /** Adds a field of study unless it is blank or already there (ignoring case). */
    public Builder addFieldOfStudy(String field) {
      if (field != null && !field.isBlank()) {
        String clean = field.strip();
        if (fieldsOfStudy.stream().noneMatch(f -> f.equalsIgnoreCase(clean))) {
          fieldsOfStudy.add(clean);
        }
      }
      return this;
    }

    /** The publication type; {@code null} means unknown. */
    public Builder type(PublicationType type) {
      this.type = type == null ? PublicationType.UNKNOWN : type;
      return this;
    }

    /** Adds a source this record came from. */
    public Builder source(PaperSource source) {
      sources.add(Objects.requireNonNull(source, "source is required, but was null"));
      return this;
    }

    /** Replaces the sources. */
    public Builder sources(Collection<PaperSource> sources) {
      this.sources.clear();
      if (sources != null) {
        sources.stream().filter(Objects::nonNull).forEach(this.sources::add);
      }
      return this;
    }

    /** Builds the paper. */
    public Paper build() {
      return new Paper(this);
    }
  }
}
