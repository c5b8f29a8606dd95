package dev.researcher4j.tools.scholar;

import java.util.List;
import java.util.Optional;

/**
 * A scholarly service that can search for papers and look one up by identifier. The clients in this
 * package implement it ({@link ArxivClient}, {@link SemanticScholarClient}, {@link OpenAlexClient},
 * {@link CrossrefClient}, {@link PubMedClient}); {@link ScholarSearch} queries several in parallel
 * and merges what they return.
 *
 * <p>Implementations are thread-safe. Failures are {@link dev.researcher4j.api.ResearchException}s
 * naming the source ({@code MalformedResponseException} for a body that cannot be read, {@code
 * RateLimitException} after retries ran out, …); "not found" is not a failure.
 */
public interface ScholarSource {

  /** Which service this is. */
  PaperSource source();

  /** The first {@code query.limit()} papers matching {@code query}, best first. */
  List<Paper> search(PaperQuery query);

  /**
   * The paper with this identifier, or empty when the service does not know it or cannot look up
   * identifiers of this kind (see {@link #supports}).
   */
  Optional<Paper> lookup(PaperId id);

  /** Whether {@link #lookup} can use identifiers of this kind. */
  boolean supports(PaperId.Type type);
}
