package dev.researcher4j.core.internal.cite;

import dev.researcher4j.api.Source;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's sources: each distinct source (by {@link UrlKeys normalised URL}) gets the next id,
 * {@code S1}, {@code S2}, …; registering it again merges the new excerpts, a missing title and
 * missing attributes. Thread-safe: parallel tool calls register concurrently.
 */
public final class SourceRegistry {

  /** A registered source and whether this registration created it. */
  public record Registration(Source source, boolean isNew) {}

  /** Longest excerpt kept; the verifier only reads so much anyway. */
  static final int MAX_EXCERPT_CHARS = 20_000;

  /** Most excerpts kept per source. */
  static final int MAX_EXCERPTS = 30;

  private final Map<String, Source> byKey = new LinkedHashMap<>();
  private final Map<String, String> keyById = new HashMap<>();
  private int nextNumber;

  /** An empty registry: the first source gets {@code S1}. */
  public SourceRegistry() {
    this.nextNumber = 1;
  }

  /**
   * A registry holding {@code known} (registered sources, with their ids) in which new sources are
   * numbered from {@code firstNewNumber}. One tool call run away from its run (on another machine)
   * registers into such a copy of the run's registry; its new sources get ids from a range no run
   * reaches ({@code S1000001}, …), which the run then maps to ids of its own.
   *
   * @throws IllegalArgumentException if a known source has no id, or {@code firstNewNumber} is not
   *     above every known id
   */
  public SourceRegistry(List<Source> known, int firstNewNumber) {
    this.nextNumber = firstNewNumber;
    for (Source source : known) {
      if (!source.isRegistered()) {
        throw new IllegalArgumentException("known source has no id: " + source.url());
      }
      int number = Integer.parseInt(source.id().substring(1));
      if (number >= firstNewNumber) {
        throw new IllegalArgumentException(
            "firstNewNumber must be above every known id, but was "
                + firstNewNumber
                + " with "
                + source.id()
                + " known");
      }
      String key = UrlKeys.key(source.url());
      byKey.put(key, source);
      keyById.put(source.id(), key);
    }
  }

  /** Registers {@code source} (its own id, if any, is ignored). */
  public synchronized Registration register(Source source) {
    String key = UrlKeys.key(source.url());
    Source existing = byKey.get(key);
    if (existing == null) {
      String id = "S" + nextNumber++;
      Source registered = trimmed(source.withId(id));
      byKey.put(key, registered);
      keyById.put(id, key);
      return new Registration(registered, true);
    }
    Source merged = existing;
    for (String excerpt : source.excerpts()) {
      if (merged.excerpts().size() >= MAX_EXCERPTS) {
        break;
      }
      merged = merged.withExcerpt(cut(excerpt));
    }
    if (merged.title().isBlank() && !source.title().isBlank()) {
      merged =
          new Source(
              merged.id(),
              merged.kind(),
              merged.url(),
              source.title(),
              merged.excerpts(),
              merged.attributes());
    }
    if (!source.attributes().isEmpty()) {
      Map<String, String> attributes = new LinkedHashMap<>(source.attributes());
      attributes.putAll(merged.attributes());
      merged = merged.withAttributes(attributes);
    }
    byKey.put(key, merged);
    return new Registration(merged, false);
  }

  /** The source with {@code id}. */
  public synchronized Optional<Source> byId(String id) {
    String key = keyById.get(id);
    return key == null ? Optional.empty() : Optional.of(byKey.get(key));
  }

  /** The source registered for {@code url} (after normalisation). */
  public synchronized Optional<Source> byUrl(String url) {
    return Optional.ofNullable(byKey.get(UrlKeys.key(url)));
  }

  /** Every source, in id order. */
  public synchronized List<Source> all() {
    return new ArrayList<>(byKey.values());
  }

  /** Every source by id. */
  public synchronized Map<String, Source> byIdMap() {
    Map<String, Source> map = new LinkedHashMap<>();
    byKey.values().forEach(s -> map.put(s.id(), s));
    return map;
  }

  /** How many sources there are. */
  public synchronized int size() {
    return byKey.size();
  }

  private static Source trimmed(Source source) {
    List<String> excerpts = new ArrayList<>();
    for (String excerpt : source.excerpts()) {
      if (excerpts.size() >= MAX_EXCERPTS) {
        break;
      }
      if (!excerpt.isBlank() && !excerpts.contains(excerpt)) {
        excerpts.add(cut(excerpt));
      }
    }
    return new Source(
        source.id(), source.kind(), source.url(), source.title(), excerpts, source.attributes());
  }

  private static String cut(String excerpt) {
    return excerpt.length() <= MAX_EXCERPT_CHARS
        ? excerpt
        : excerpt.substring(0, MAX_EXCERPT_CHARS);
  }
}
