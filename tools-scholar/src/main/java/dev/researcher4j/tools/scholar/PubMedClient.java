package dev.researcher4j.tools.scholar;

import dev.researcher4j.api.AuthenticationException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.tools.scholar.internal.PubMedParser;
import dev.researcher4j.tools.scholar.internal.ServiceCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * A client of NCBI's E-utilities for PubMed: {@code esearch} finds ids, {@code esummary} gives
 * short records (both asked for as JSON, and read as well when they come as XML, the E-utilities
 * default), {@code efetch} (XML) gives full records with abstracts, affiliations and ORCID iDs.
 *
 * <p>NCBI allows 3 requests a second without an API key and 10 with one; the client paces itself
 * accordingly. The key, optional, goes in the {@code api_key} parameter and is kept out of every
 * message (NCBI echoes it in some error bodies). Requests name the tool ({@code tool=researcher4j})
 * and, when {@link HttpSettings#contactEmail()} is set, the contact ({@code email}), as NCBI asks.
 * Searches fetch abstracts with efetch by default; {@link Builder#abstractsInSearch(boolean)} off
 * uses the lighter esummary.
 *
 * <p>Defaults: base URL {@value #DEFAULT_BASE_URL}, no key. {@link #fromEnv(Map, HttpSettings)}
 * reads the key from {@value #API_KEY_ENV}. Thread-safe.
 */
public final class PubMedClient implements ScholarSource {

  /** Default API address. */
  public static final String DEFAULT_BASE_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils";

  /** Environment variable holding the optional API key. */
  public static final String API_KEY_ENV = "NCBI_API_KEY";

  /** The tool name sent to NCBI. */
  public static final String TOOL = "researcher4j";

  /** Least time between calls without a key, in milliseconds (3 a second). */
  public static final int DEFAULT_MIN_INTERVAL_MILLIS = 340;

  /** Least time between calls with a key, in milliseconds (10 a second). */
  public static final int DEFAULT_MIN_INTERVAL_WITH_KEY_MILLIS = 100;

  private final HttpUrl baseUrl;
  private final String apiKey;
  private final String contactEmail;
  private final boolean abstractsInSearch;
  private final ServiceCaller caller;

  private PubMedClient(Builder b) {
    this.baseUrl = b.baseUrl;
    this.apiKey = b.apiKey;
    this.contactEmail = b.settings.contactEmail();
    this.abstractsInSearch = b.abstractsInSearch;
    Duration interval =
        b.minInterval != null
            ? b.minInterval
            : Duration.ofMillis(
                apiKey.isEmpty()
                    ? DEFAULT_MIN_INTERVAL_MILLIS
                    : DEFAULT_MIN_INTERVAL_WITH_KEY_MILLIS);
    this.caller =
        ServiceCaller.create(
            PubMedParser.PROVIDER,
            b.settings,
            interval,
            List.of(apiKey),
            "set " + API_KEY_ENV + " to a valid key, or unset it",
            null,
            PubMedClient::mapError);
  }

  /** A client with the defaults. */
  public static PubMedClient create() {
    return builder().build();
  }

  /** A client using the key in {@value #API_KEY_ENV} of {@code env}, if set. */
  public static PubMedClient fromEnv(Map<String, String> env, HttpSettings settings) {
    return builder().settings(settings).apiKey(env.getOrDefault(API_KEY_ENV, "")).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PaperSource source() {
    return PaperSource.PUBMED;
  }

  @Override
  public List<Paper> search(PaperQuery query) {
    return search(query, 0).papers();
  }

  /**
   * One page of PubMed records matching {@code query.text()} (PubMed's query syntax), by relevance,
   * from result {@code offset}, published in the query's years.
   *
   * @return the page; {@link PaperPage#next()} is the next offset
   */
  public PaperPage search(PaperQuery query, int offset) {
    Objects.requireNonNull(query, "query is required, but was null");
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, but was " + offset);
    }
    HttpUrl.Builder url =
        endpoint("esearch.fcgi")
            .addQueryParameter("term", query.text())
            .addQueryParameter("retmode", "json")
            .addQueryParameter("retstart", String.valueOf(offset))
            .addQueryParameter("retmax", String.valueOf(query.limit()))
            .addQueryParameter("sort", "relevance");
    if (query.fromYear().isPresent() || query.toYear().isPresent()) {
      url.addQueryParameter("datetype", "pdat")
          .addQueryParameter("mindate", String.valueOf(query.fromYear().orElse(1800)))
          .addQueryParameter("maxdate", String.valueOf(query.toYear().orElse(3000)));
    }
    PubMedParser.SearchIds ids = caller.get(common(url).build(), Map.of(), PubMedParser::searchIds);
    List<Paper> papers = abstractsInSearch ? fetch(ids.ids()) : summaries(ids.ids());
    long next = (long) offset + ids.ids().size();
    boolean more = !ids.ids().isEmpty() && next < ids.count();
    return new PaperPage(papers, ids.count(), more ? String.valueOf(next) : "");
  }

  /** Short records ({@code esummary}) of these PubMed ids, in order; unknown ids left out. */
  public List<Paper> summaries(List<String> pmids) {
    List<Paper> out = new ArrayList<>();
    for (List<String> chunk : chunks(pmids)) {
      HttpUrl.Builder url =
          endpoint("esummary.fcgi")
              .addQueryParameter("id", String.join(",", chunk))
              .addQueryParameter("retmode", "json");
      out.addAll(caller.get(common(url).build(), Map.of(), PubMedParser::summaries));
    }
    return out;
  }

  /** Full records ({@code efetch}, with abstracts) of these PubMed ids; unknown ids left out. */
  public List<Paper> fetch(List<String> pmids) {
    List<Paper> out = new ArrayList<>();
    for (List<String> chunk : chunks(pmids)) {
      HttpUrl.Builder url =
          endpoint("efetch.fcgi")
              .addQueryParameter("id", String.join(",", chunk))
              .addQueryParameter("retmode", "xml");
      out.addAll(caller.get(common(url).build(), Map.of(), PubMedParser::articles));
    }
    return out;
  }

  /** Looks up PubMed ids, and DOIs through a {@code [doi]} search. */
  @Override
  public Optional<Paper> lookup(PaperId id) {
    if (id.type() == PaperId.Type.PMID) {
      return fetch(List.of(id.value())).stream().findFirst();
    }
    if (id.type() == PaperId.Type.DOI) {
      PaperQuery q = PaperQuery.builder("\"" + id.value() + "\"[doi]").limit(1).build();
      return search(q, 0).papers().stream().findFirst();
    }
    return Optional.empty();
  }

  @Override
  public boolean supports(PaperId.Type type) {
    return type == PaperId.Type.PMID || type == PaperId.Type.DOI;
  }

  private HttpUrl.Builder endpoint(String name) {
    return baseUrl.newBuilder().addPathSegment(name).addQueryParameter("db", "pubmed");
  }

  private HttpUrl.Builder common(HttpUrl.Builder url) {
    url.addQueryParameter("tool", TOOL);
    if (!contactEmail.isEmpty()) {
      url.addQueryParameter("email", contactEmail);
    }
    if (!apiKey.isEmpty()) {
      url.addQueryParameter("api_key", apiKey);
    }
    return url;
  }

  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += 200) {
      out.add(ids.subList(i, Math.min(ids.size(), i + 200)));
    }
    return out;
  }

  private static ResearchException mapError(int status, ProviderError error, Response response) {
    if (error.message().toLowerCase(Locale.ROOT).contains("api key invalid")) {
      return new AuthenticationException(
          PubMedParser.PROVIDER
              + ": API key rejected (HTTP "
              + status
              + "). Fix: set "
              + API_KEY_ENV
              + " to a valid key, or unset it.",
          null,
          PubMedParser.PROVIDER,
          status,
          error.code());
    }
    return null;
  }

  /** Builds a {@link PubMedClient}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private HttpSettings settings = HttpSettings.ofDefaults();
    private Duration minInterval;
    private String apiKey = "";
    private boolean abstractsInSearch = true;

    private Builder() {}

    /** The E-utilities address; default {@value #DEFAULT_BASE_URL}. */
    public Builder baseUrl(String baseUrl) {
      this.baseUrl = Urls.parse(baseUrl, "baseUrl");
      return this;
    }

    /**
     * HTTP settings (the contact e-mail becomes {@code email}); default {@link
     * HttpSettings#ofDefaults()}.
     */
    public Builder settings(HttpSettings settings) {
      this.settings = Objects.requireNonNull(settings, "settings is required, but was null");
      return this;
    }

    /**
     * Least time between two calls; default {@value #DEFAULT_MIN_INTERVAL_MILLIS} ms without a key,
     * {@value #DEFAULT_MIN_INTERVAL_WITH_KEY_MILLIS} ms with one.
     */
    public Builder minInterval(Duration minInterval) {
      this.minInterval = Urls.notNegative(minInterval, "minInterval");
      return this;
    }

    /** The API key sent as {@code api_key}; empty for none (the default). */
    public Builder apiKey(String apiKey) {
      this.apiKey = Urls.optional(apiKey);
      return this;
    }

    /** Whether searches fetch full records with abstracts (efetch) or summaries; default true. */
    public Builder abstractsInSearch(boolean abstractsInSearch) {
      this.abstractsInSearch = abstractsInSearch;
      return this;
    }

    /** Builds the client. */
    public PubMedClient build() {
      return new PubMedClient(this);
    }
  }
}
