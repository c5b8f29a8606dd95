package dev.researcher4j.tools.scholar;

/**
 * What sort of publication a {@link Paper} is, as far as its sources say. Decides the BibTeX entry
 * type and the CSL type.
 */
public enum PublicationType {
  /** An article in a journal. */
  JOURNAL_ARTICLE,
  /** A paper in conference or workshop proceedings. */
  CONFERENCE_PAPER,
  /** A preprint (arXiv, bioRxiv, SSRN, …) not known to be published elsewhere. */
  PREPRINT,
  /** A whole book. */
  BOOK,
  /** A chapter or section of a book. */
  BOOK_CHAPTER,
  /** A thesis or dissertation. */
  THESIS,
  /** A review article. */
  REVIEW,
  /** A data set. */
  DATASET,
  /** Something else that sources know the type of (editorial, letter, report…). */
  OTHER,
  /** No source said. */
  UNKNOWN
}
