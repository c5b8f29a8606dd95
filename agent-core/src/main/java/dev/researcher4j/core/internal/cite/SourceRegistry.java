package dev.researcher4j.core.internal.cite;

import dev.researcher4j.api.Source;
import dev.researcher4j.core.cite.SharedSources;
import dev.researcher4j.core.http.UrlNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run's sources: each distinct source (by {@link UrlNormalizer#key normalised URL}) gets the
 * next id, {@code S1}, {@code S2}, …; registering it again merges the new excerpts, a missing title
 * and missing attributes. Several runs may share one registry (the sections of a long report), so
 * that an id means the same source in all of them. Thread-safe: parallel tool calls (and runs)
 * register concurrently.
 */
public final class SourceRegistry implements SharedSources {

  /** A registered source and whether this registration created it. */
  public record Registration(Source source, boolean isNew) {}

  /** Longest excerpt kept; the verifier only reads so much anyway. */
  static final int MAX_EXCERPT_CHARS = 20_000;

  /** Most excerpts kept per source. */
  static final int MAX_EXCERPTS = 30;

  private final Map<String, Source> byKey = new LinkedHashMap<>();
  private final Map<String, String> keyById = new HashMap<>();
  private int lastNumber;

  /** An empty registry: the first source gets {@code S1}. */
  public SourceRegistry() {}

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
    this.lastNumber = firstNewNumber - 1;
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
      String key = UrlNormalizer.key(source.url());
      byKey.put(key, source);
      keyById.put(source.id(), key);
    }
  }

  /** Registers {@code source} (its own id, if any, is ignored). */
  public synchronized Registration register(Source source) {
    String key = UrlNormalizer.key(source.url());
    Source existing = byKey.get(key);
    if (existing == null) {
      String id = "S" + (++lastNumber);
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

  /**
   * Puts back a source recorded earlier under its id (a resumed report restoring the sources its
   * finished sections cite), so that the id keeps meaning that source; later sources get ids after
   * the highest restored. A source already registered under the same id is merged.
   *
   * @throws IllegalArgumentException if the source has no id of the form {@code S<n>}, or if its id
   *     or its URL already belong to another source
   */
  public synchronized Source restore(Source source) {
    if (!source.id().matches("S[1-9]\\d*")) {
      throw new IllegalArgumentException(
          "a restored source needs an id like S3, but was '" + source.id() + "'");
    }
    String key = UrlNormalizer.key(source.url());
    String keyOfId = keyById.get(source.id());
    Source existing = byKey.get(key);
    if ((keyOfId != null && !keyOfId.equals(key))
        || (existing != null && !existing.id().equals(source.id()))) {
      throw new IllegalArgumentException(
          "cannot restore "
              + source.id()
              + " ("
              + source.url()
              + "): the id or the URL already belongs to another source");
    }
    if (existing != null) {
      return register(source).source();
    }
    Source restored = trimmed(source);
    byKey.put(key, restored);
    keyById.put(source.id(), key);
    lastNumber = Math.max(lastNumber, Integer.parseInt(source.id().substring(1)));
    return restored;
  }

  /** The source with {@code id}. */
  @Override
  public synchronized Optional<Source> byId(String id) {
    String key = keyById.get(id);
    return key == null ? Optional.empty() : Optional.of(byKey.get(key));
  }

  /** The source registered for {@code url} (after normalisation). */
  public synchronized Optional<Source> byUrl(String url) {
    return Optional.ofNullable(byKey.get(UrlNormalizer.key(url)));
  }

  /** Every source, in id order. */
  @Override
  public synchronized List<Source> all() {
    List<Source> all = new ArrayList<>(byKey.values());
    all.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.id().substring(1))));
    return all;
  }

  /** Every source by id. */
  public synchronized Map<String, Source> byIdMap() {
    Map<String, Source> map = new LinkedHashMap<>();
    all().forEach(s -> map.put(s.id(), s));
    return map;
  }

  /** How many sources there are. */
  @Override
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
