package dev.researcher4j.tools.scholar;

import dev.researcher4j.tools.scholar.internal.Texts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Searches several scholarly sources at once and merges what they find: the one object the tools
 * and the command-line {@code papers} command need.
 *
 * <p>Every operation asks its sources in parallel (on the injected {@link Executor}), waits at most
 * {@link Builder#sourceTimeout(Duration)} for them, and merges the answers with {@link
 * PaperMerger}. A source that fails or does not answer in time is reported in {@link
 * ScholarResult#failures()}; the others' answers are still returned.
 *
 * <p>{@link #fromEnv()} configures all five sources from the environment: {@value
 * HttpSettings#CONTACT_EMAIL_ENV} (polite pools), {@value SemanticScholarClient#API_KEY_ENV},
 * {@value OpenAlexClient#API_KEY_ENV} and {@value PubMedClient#API_KEY_ENV} (all optional); each
 * source's base URL can be overridden with {@value #ARXIV_URL_ENV}, {@value
 * #SEMANTIC_SCHOLAR_URL_ENV}, {@value #OPENALEX_URL_ENV}, {@value #CROSSREF_URL_ENV} and {@value
 * #PUBMED_URL_ENV}.
 *
 * <p>Defaults: source timeout {@value #DEFAULT_SOURCE_TIMEOUT_SECONDS} s; an executor that starts a
 * daemon thread per source query (these calls mostly wait on the network and there are at most five
 * at once; inject your own executor to bound or reuse threads). Thread-safe and immutable; share
 * one instance.
 */
public final class ScholarSearch {

  private static final Logger LOG = LoggerFactory.getLogger(ScholarSearch.class);

  /** Default time to wait for a source, in seconds. */
  public static final int DEFAULT_SOURCE_TIMEOUT_SECONDS = 90;

  private final Map<PaperSource, ScholarSource> sources;
  private final Executor executor;
  private final Duration sourceTimeout;

  private ScholarSearch(Builder b) {
    this.sources = new EnumMap<>(b.sources);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        b.executor != null
            ? b.executor
            : task -> {
              Thread t = new Thread(task, "researcher4j-scholar-" + threads.incrementAndGet());
              t.setDaemon(true);
              t.start();
            };
    this.sourceTimeout = b.sourceTimeout;
  }

  /** All five sources configured from the process environment. */
  public static ScholarSearch fromEnv() {
    return fromEnv(System.getenv());
  }

  /** All five sources configured from {@code env} (see the class description). */
  public static ScholarSearch fromEnv(Map<String, String> env) {
    return fromEnv(env, HttpSettings.fromEnv(env));
  }

  /** All five sources configured from {@code env}, sending with {@code settings}. */
  public static ScholarSearch fromEnv(Map<String, String> env, HttpSettings settings) {
    ArxivClient.Builder arxiv = ArxivClient.builder().settings(settings);
    SemanticScholarClient.Builder s2 =
        SemanticScholarClient.builder()
            .settings(settings)
            .apiKey(env.getOrDefault(SemanticScholarClient.API_KEY_ENV, ""));
    OpenAlexClient.Builder openAlex =
        OpenAlexClient.builder()
            .settings(settings)
            .apiKey(env.getOrDefault(OpenAlexClient.API_KEY_ENV, ""));
    CrossrefClient.Builder crossref = CrossrefClient.builder().settings(settings);
    PubMedClient.Builder pubMed =
        PubMedClient.builder()
            .settings(settings)
            .apiKey(env.getOrDefault(PubMedClient.API_KEY_ENV, ""));
    // Base URL overrides, for mirrors, proxies and tests.
    baseUrl(env, ARXIV_URL_ENV).ifPresent(arxiv::baseUrl);
    baseUrl(env, SEMANTIC_SCHOLAR_URL_ENV).ifPresent(s2::baseUrl);
    baseUrl(env, OPENALEX_URL_ENV).ifPresent(openAlex::baseUrl);
    baseUrl(env, CROSSREF_URL_ENV).ifPresent(crossref::baseUrl);
    baseUrl(env, PUBMED_URL_ENV).ifPresent(pubMed::baseUrl);
    return builder()
        .add(arxiv.build())
        .add(s2.build())
        .add(openAlex.build())
        .add(crossref.build())
        .add(pubMed.build())
        .build();
  }

  /** Environment variable overriding the arXiv API URL. */
  public static final String ARXIV_URL_ENV = "RESEARCHER_ARXIV_URL";

  /** Environment variable overriding the Semantic Scholar Graph API URL. */
  public static final String SEMANTIC_SCHOLAR_URL_ENV = "RESEARCHER_SEMANTIC_SCHOLAR_URL";

  /** Environment variable overriding the OpenAlex API URL. */
  public static final String OPENALEX_URL_ENV = "RESEARCHER_OPENALEX_URL";

  /** Environment variable overriding the Crossref API URL. */
  public static final String CROSSREF_URL_ENV = "RESEARCHER_CROSSREF_URL";

  /** Environment variable overriding the PubMed E-utilities URL. */
  public static final String PUBMED_URL_ENV = "RESEARCHER_PUBMED_URL";

  private static Optional<String> baseUrl(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** A builder with no sources. */
  public static Builder builder() {
    return new Builder();
  }

  /** The configured sources, in {@link PaperSource} order. */
  public List<PaperSource> sources() {
    return List.copyOf(sources.keySet());
  }

  /** The client for {@code source}, if configured. */
  public Optional<ScholarSource> source(PaperSource source) {
    return Optional.ofNullable(sources.get(source));
  }

  /** Searches every configured source. */
  public ScholarResult search(PaperQuery query) {
    return search(query, sources.keySet());
  }

  /**
   * Searches {@code which} of the configured sources (others are ignored), merges the results by
   * reciprocal rank fusion and returns at most {@code query.limit()} papers. Papers a source
   * returns outside the query's years are dropped.
   */
  public ScholarResult search(PaperQuery query, Collection<PaperSource> which) {
    Objects.requireNonNull(query, "query is required, but was null");
    List<ScholarSource> chosen = chosen(which, s -> true);
    Outcome<List<Paper>> outcome = ask(chosen, s -> s.search(query));
    List<List<Paper>> lists = new ArrayList<>();
    for (List<Paper> list : outcome.values().values()) {
      lists.add(list.stream().filter(p -> query.admitsYear(p.year())).toList());
    }
    List<Paper> merged = PaperMerger.mergeRanked(lists);
    if (merged.size() > query.limit()) {
      merged = merged.subList(0, query.limit());
    }
    return new ScholarResult(merged, outcome.answered(), outcome.failures());
  }

  /**
   * The paper with this id, combined from every source that can look it up. When the first round
   * reveals identifiers some other source can use (an arXiv lookup finds the DOI, say), those
   * sources are asked in a second round, so the record is as complete as the sources allow.
   */
  public ScholarResult lookup(PaperId id) {
    Objects.requireNonNull(id, "id is required, but was null");
    List<ScholarSource> first = chosen(sources.keySet(), s -> s.supports(id.type()));
    Outcome<Optional<Paper>> round1 = ask(first, s -> s.lookup(id));
    List<Paper> found = present(round1.values().values());
    Map<PaperSource, String> failures = new EnumMap<>(PaperSource.class);
    failures.putAll(round1.failures());
    Set<PaperSource> answered = EnumSet.noneOf(PaperSource.class);
    answered.addAll(round1.answered());
    Paper best = best(found, id);
    if (best != null) {
      Map<ScholarSource, PaperId> more = new LinkedHashMap<>();
      for (ScholarSource s : sources.values()) {
        if (round1.values().containsKey(s.source())
            && round1.values().get(s.source()).isPresent()) {
          continue;
        }
        if (failures.containsKey(s.source())) {
          continue;
        }
        best.ids().stream()
            .filter(other -> !other.equals(id) && s.supports(other.type()))
            .findFirst()
            .ifPresent(other -> more.put(s, other));
      }
      if (!more.isEmpty()) {
        Outcome<Optional<Paper>> round2 =
            ask(new ArrayList<>(more.keySet()), s -> s.lookup(more.get(s)));
        found.addAll(present(round2.values().values()));
        failures.putAll(round2.failures());
        answered.addAll(round2.answered());
        best = best(found, id);
      }
    }
    answered.removeAll(failures.keySet());
    return new ScholarResult(
        best == null ? List.of() : List.of(best), new ArrayList<>(answered), failures);
  }

  /** Up to {@code limit} papers citing {@code id}, from every citation graph, most cited first. */
  public ScholarResult citations(PaperId id, int limit) {
    return graph(id, limit, g -> g.citations(id, limit));
  }

  /**
   * Up to {@code limit} papers that {@code id} cites, from every citation graph, most cited first.
   */
  public ScholarResult references(PaperId id, int limit) {
    return graph(id, limit, g -> g.references(id, limit));
  }

  private ScholarResult graph(PaperId id, int limit, Function<CitationGraph, List<Paper>> op) {
    Objects.requireNonNull(id, "id is required, but was null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1, but was " + limit);
    }
    List<ScholarSource> chosen =
        chosen(sources.keySet(), s -> s instanceof CitationGraph && s.supports(id.type()));
    Outcome<List<Paper>> outcome = ask(chosen, s -> op.apply((CitationGraph) s));
    List<Paper> all = new ArrayList<>();
    outcome.values().values().forEach(all::addAll);
    List<Paper> merged = new ArrayList<>(PaperMerger.merge(all));
    merged.sort(Comparator.comparingInt((Paper p) -> -p.citationCount().orElse(-1)));
    if (merged.size() > limit) {
      merged = merged.subList(0, limit);
    }
    return new ScholarResult(merged, outcome.answered(), outcome.failures());
  }

  private List<ScholarSource> chosen(
      Collection<PaperSource> which, java.util.function.Predicate<ScholarSource> filter) {
    List<ScholarSource> out = new ArrayList<>();
    for (Map.Entry<PaperSource, ScholarSource> e : sources.entrySet()) {
      if (which.contains(e.getKey()) && filter.test(e.getValue())) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  private static List<Paper> present(Collection<Optional<Paper>> values) {
    List<Paper> out = new ArrayList<>();
    values.forEach(v -> v.ifPresent(out::add));
    return out;
  }

  /** The merged record that carries {@code id}, or else the one most sources agree on. */
  private static Paper best(List<Paper> found, PaperId id) {
    if (found.isEmpty()) {
      return null;
    }
    List<Paper> merged = PaperMerger.merge(found);
    for (Paper p : merged) {
      if (p.ids().stream()
          .anyMatch(
              other ->
                  other.type() == id.type()
                      && other.unversioned().equalsIgnoreCase(id.unversioned()))) {
        return p;
      }
    }
    return merged.stream().max(Comparator.comparingInt(p -> p.sources().size())).orElseThrow();
  }

  private record Outcome<T>(
      Map<PaperSource, T> values, List<PaperSource> answered, Map<PaperSource, String> failures) {}

  private <T> Outcome<T> ask(List<ScholarSource> chosen, Function<ScholarSource, T> op) {
    Map<PaperSource, CompletableFuture<T>> futures = new EnumMap<>(PaperSource.class);
    for (ScholarSource s : chosen) {
      futures.put(s.source(), CompletableFuture.supplyAsync(() -> op.apply(s), executor));
    }
    Map<PaperSource, T> values = new EnumMap<>(PaperSource.class);
    Map<PaperSource, String> failures = new EnumMap<>(PaperSource.class);
    long deadline = System.nanoTime() + sourceTimeout.toNanos();
    try {
      for (Map.Entry<PaperSource, CompletableFuture<T>> e : futures.entrySet()) {
        long left = Math.max(0, deadline - System.nanoTime());
        try {
          values.put(e.getKey(), e.getValue().get(left, TimeUnit.NANOSECONDS));
        } catch (ExecutionException failed) {
          Throwable cause = failed.getCause() == null ? failed : failed.getCause();
          String why = describe(cause);
          LOG.debug("{} failed: {}", e.getKey().displayName(), why, cause);
          failures.put(e.getKey(), why);
        } catch (TimeoutException slow) {
          e.getValue().cancel(true);
          failures.put(e.getKey(), "no answer within " + describe(sourceTimeout));
        }
      }
    } catch (InterruptedException interrupted) {
      futures.values().forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for scholarly sources");
    }
    List<PaperSource> answered = new ArrayList<>(values.keySet());
    return new Outcome<>(values, answered, failures);
  }

  private static String describe(Duration d) {
    return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      return cause.getClass().getSimpleName();
    }
    return Texts.snippet(message, 300);
  }

  /** Builds a {@link ScholarSearch}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private final Map<PaperSource, ScholarSource> sources = new EnumMap<>(PaperSource.class);
    private Executor executor;
    private Duration sourceTimeout = Duration.ofSeconds(DEFAULT_SOURCE_TIMEOUT_SECONDS);

    private Builder() {}

    /** Adds a source, replacing any earlier one for the same {@link PaperSource}. */
    public Builder add(ScholarSource source) {
      Objects.requireNonNull(source, "source is required, but was null");
      sources.put(source.source(), source);
      return this;
    }

    /** Where source queries run; default a new daemon thread per query. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor is required, but was null");
      return this;
    }

    /** How long to wait for a source; default {@value #DEFAULT_SOURCE_TIMEOUT_SECONDS} s. */
    public Builder sourceTimeout(Duration sourceTimeout) {
      Objects.requireNonNull(sourceTimeout, "sourceTimeout is required, but was null");
      if (sourceTimeout.isNegative() || sourceTimeout.isZero()) {
        throw new IllegalArgumentException(
            "sourceTimeout must be positive, but was " + sourceTimeout);
      }
      this.sourceTimeout = sourceTimeout;
      return this;
    }

    /**
     * Builds the search.
     *
     * @throws IllegalStateException if no source was added
     */
    public ScholarSearch build() {
      if (sources.isEmpty()) {
        throw new IllegalStateException("at least one source is required, but none was added");
      }
      return new ScholarSearch(this);
    }
  }
}
