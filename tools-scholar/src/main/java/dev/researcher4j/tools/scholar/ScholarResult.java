package dev.researcher4j.tools.scholar;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link ScholarSearch} operation found, and which sources failed on the way: one source
 * failing degrades the answer instead of failing it.
 *
 * @param papers the papers found, merged across sources, best first
 * @param answered the sources that answered (possibly with nothing), in {@link PaperSource} order
 * @param failures for each source that failed, why (messages never contain API keys)
 */
public record ScholarResult(
    List<Paper> papers, List<PaperSource> answered, Map<PaperSource, String> failures) {

  /** Checks and copies the fields. */
  public ScholarResult {
    papers = papers == null ? List.of() : List.copyOf(papers);
    answered = answered == null ? List.of() : List.copyOf(answered);
    failures =
        failures == null || failures.isEmpty()
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new EnumMap<>(failures));
  }

  /** The first (best) paper, if any. */
  public Optional<Paper> first() {
    return papers.isEmpty() ? Optional.empty() : Optional.of(papers.get(0));
  }

  /** Whether some source failed. */
  public boolean isDegraded() {
    return !failures.isEmpty();
  }

  /** A one-line note of the failed sources, or empty: "Crossref failed: …; PubMed failed: …". */
  public String failureNote() {
    List<String> parts = new ArrayList<>();
    failures.forEach((source, why) -> parts.add(source.displayName() + " failed: " + why));
    return String.join("; ", parts);
  }
}
