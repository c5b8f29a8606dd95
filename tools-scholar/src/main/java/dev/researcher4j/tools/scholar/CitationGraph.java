package dev.researcher4j.tools.scholar;

import java.util.List;

/**
 * A source that knows which papers cite which: {@link SemanticScholarClient} and {@link
 * OpenAlexClient}. Thread-safe.
 */
public interface CitationGraph {

  /**
   * Up to {@code limit} papers that cite the paper {@code id}, in the service's order; empty when
   * the paper is unknown.
   */
  List<Paper> citations(PaperId id, int limit);

  /**
   * Up to {@code limit} papers that the paper {@code id} cites, in the service's order; empty when
   * the paper is unknown.
   */
  List<Paper> references(PaperId id, int limit);
}
