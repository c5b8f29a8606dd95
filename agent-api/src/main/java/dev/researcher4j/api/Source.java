package dev.researcher4j.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something the agent read that a report can cite: a web page, a paper, a document.
 *
 * <p>Tools return sources without an id; the run's source registry gives each distinct source a
 * stable id ({@code S1}, {@code S2}, …) that the model sees and cites. {@link #excerpts()} are the
 * passages of the source the run actually saw, which the verifier checks claims against.
 *
 * @param id the id the run gave this source, or empty before it was registered
 * @param kind what sort of thing it is
 * @param url where it can be found; for a paper without a web page, a {@code https://doi.org/…} or
 *     {@code https://arxiv.org/abs/…} address
 * @param title its title, or empty when unknown
 * @param excerpts passages the run saw, in the order seen
 * @param attributes further facts such as {@code doi}, {@code arxiv}, {@code published}, {@code
 *     authors}
 */
public record Source(
    String id,
    Kind kind,
    String url,
    String title,
    List<String> excerpts,
    Map<String, String> attributes) {

  /** What sort of thing a source is. */
  public enum Kind {
    /** A web page or web document. */
    WEB,
    /** A scholarly paper. */
    PAPER,
    /** Anything else, such as a local document or a sub-agent's report. */
    OTHER
  }

  /** Checks the fields. */
  public Source {
    id = Checks.text(id);
    Objects.requireNonNull(kind, "kind is required, but was null");
    url = Checks.required(url, "url");
    title = Checks.text(title);
    excerpts = Checks.list(excerpts);
    attributes = Checks.map(attributes);
  }

  /** A web page with one excerpt (which may be empty). */
  public static Source web(String url, String title, String excerpt) {
    return new Source(
        "",
        Kind.WEB,
        url,
        title,
        excerpt == null || excerpt.isEmpty() ? List.of() : List.of(excerpt),
        Map.of());
  }

  /** A copy with the given id. */
  public Source withId(String newId) {
    return new Source(newId, kind, url, title, excerpts, attributes);
  }

  /** A copy with one more excerpt, unless the same text is already there. */
  public Source withExcerpt(String excerpt) {
    if (excerpt == null || excerpt.isBlank() || excerpts.contains(excerpt)) {
      return this;
    }
    List<String> more = new ArrayList<>(excerpts);
    more.add(excerpt);
    return new Source(id, kind, url, title, more, attributes);
  }

  /** A copy with other attributes. */
  public Source withAttributes(Map<String, String> newAttributes) {
    return new Source(id, kind, url, title, excerpts, newAttributes);
  }

  /** Whether the run's registry has given this source an id. */
  public boolean isRegistered() {
    return !id.isEmpty();
  }
}
