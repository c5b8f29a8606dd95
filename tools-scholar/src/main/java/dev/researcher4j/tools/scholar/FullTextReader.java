package dev.researcher4j.tools.scholar;

import java.util.Optional;

/**
 * Reads the text of a document on the web (an open-access PDF or HTML page of a paper) for the
 * {@code read_paper} tool. tools-scholar does not fetch pages itself: plug in a reader, such as
 * tools-web's page reader, which knows how to fetch safely, extract text from HTML and PDF, and
 * cache. {@link #NONE} reads nothing, so {@code read_paper} falls back to abstracts.
 *
 * <p>Implementations must be thread-safe. Returning empty means "this address gave no usable text";
 * throwing is also fine (the tool notes the failure and tries the next address).
 */
@FunctionalInterface
public interface FullTextReader {

  /** A reader that never reads anything. */
  FullTextReader NONE = url -> Optional.empty();

  /**
   * The text at {@code url}, or empty when there is none to be had.
   *
   * @throws Exception any failure to fetch or extract; callers treat it like an empty answer
   */
  Optional<FullText> read(String url) throws Exception;
}
