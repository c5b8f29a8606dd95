package dev.researcher4j.tools.web.read;

import dev.researcher4j.api.Sleeper;
import dev.researcher4j.core.http.RequestPacer;
import dev.researcher4j.tools.web.extract.ContentExtractor;
import dev.researcher4j.tools.web.extract.ExtractedContent;
import dev.researcher4j.tools.web.extract.PageMetadata;
import dev.researcher4j.tools.web.guard.UrlGuard;
import dev.researcher4j.tools.web.internal.CharsetDetector;
import dev.researcher4j.tools.web.read.internal.ContentSniffer;
import dev.researcher4j.tools.web.read.internal.Fetcher;
import dev.researcher4j.tools.web.read.internal.PdfText;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import okhttp3.Cache;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;

/**
 * Fetches web documents safely and turns them into text: the engine behind the {@code read_page}
 * and {@code find_in_page} tools, usable on its own.
 *
 * <p>Every fetch goes through a {@link UrlGuard} (before the request, after DNS resolution and on
 * each redirect, which are followed here up to {@link Builder#maxRedirects}); robots.txt is
 * respected unless switched off (fetched once per site, however many reads start together, and read
 * as RFC 9309 says); at most {@link Builder#maxPerHost} requests run against one host at once,
 * their starts spaced by the site's robots.txt {@code Crawl-delay} (at most {@link
 * Builder#maxCrawlDelay}) or {@link Builder#hostInterval}, whichever is longer; bodies are
 * streamed, decompressed and cut at {@link Builder#maxBytes} (a decompression bomb costs the limit,
 * never more); the whole fetch is bounded by {@link Builder#timeout}. HTML is reduced to its main
 * content ({@link ContentExtractor}), PDFs (recognised by their {@code %PDF-} signature) are read
 * with PDFBox, plain text, JSON and XML are passed through, anything else is refused with a {@link
 * PageReadException}. With a {@link Builder#cacheDirectory} responses are kept on disk by OkHttp's
 * HTTP cache ({@code okhttp3.Cache}, which follows the responses' caching headers and revalidates
 * with conditional requests).
 *
 * <p>Thread-safe; share one per application. The {@link OkHttpClient} given is not closed; the
 * reader derives its own client from it (sharing its connection pool and dispatcher).
 */
public final class PageReader {

  /** Default {@link Builder#maxBytes}: 10 MiB. */
  public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;

  /** Default {@link Builder#timeout}: 30 seconds for the whole fetch of one URL hop. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Default {@link Builder#maxRedirects}: 5. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  /** Default {@link Builder#pageSize}: 8,000 characters (about 2,000 tokens) per page. */
  public static final int DEFAULT_PAGE_SIZE = 8_000;

  /**
   * Default {@link Builder#hostInterval}: none; reads of one host are limited by {@link
   * #DEFAULT_MAX_PER_HOST} and spaced as the site's robots.txt {@code Crawl-delay} asks.
   */
  public static final Duration DEFAULT_HOST_INTERVAL = Duration.ZERO;

  /** Default {@link Builder#maxPerHost}: 2 requests to one host at once. */
  public static final int DEFAULT_MAX_PER_HOST = 2;

  /**
   * Default {@link Builder#maxCrawlDelay}: a robots.txt {@code Crawl-delay} above 10 s counts as 10
   * s.
   */
  public static final Duration DEFAULT_MAX_CRAWL_DELAY = Duration.ofSeconds(10);

  /** Default {@link Builder#cacheMaxBytes}: 256 MiB. */
  public static final long DEFAULT_CACHE_MAX_BYTES = 256L * 1024 * 1024;

  /**
   * The product token robots.txt groups are matched against: {@code researcherj} (RFC 9309 allows
   * only letters, {@code _} and {@code -} in product tokens, so not {@code researcher4j}).
   */
  public static final String ROBOTS_TOKEN = "researcherj";

  /**
   * Default {@link Builder#userAgent}; names the library and its robots.txt token so sites can tell
   * who is reading.
   */
  public static final String DEFAULT_USER_AGENT =
      "Mozilla/5.0 (compatible; researcherj/0.1; researcher4j research agent reading pages for a"
          + " user)";

  private final Builder config;
  private final Fetcher fetcher;
  private final ContentExtractor extractor = ContentExtractor.create();

  private PageReader(Builder b) {
    this.config = b.copy();
    OkHttpClient.Builder client =
        b.client
            .newBuilder()
            .followRedirects(false)
            .followSslRedirects(false)
            .dns(b.guard.dns(b.dns))
            .callTimeout(b.timeout);
    if (b.cacheDirectory != null) {
      client.cache(new Cache(b.cacheDirectory.toFile(), b.cacheMaxBytes));
    }
    this.fetcher =
        new Fetcher(
            client.build(),
            b.guard,
            b.userAgent,
            ROBOTS_TOKEN,
            b.maxBytes,
            b.maxRedirects,
            b.respectRobots,
            RequestPacer.builder()
                .interval(b.hostInterval)
                .maxConcurrent(b.maxPerHost)
                .clock(b.clock)
                .sleeper(b.sleeper)
                .build(),
            b.maxCrawlDelay,
            b.clock);
  }

  /** A reader with every default and the allow-list from {@code RESEARCHER_ALLOW_HOSTS}. */
  public static PageReader ofDefaults() {
    return builder().build();
  }

  /** A builder with every default. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this reader's settings (sharing its client). */
  public Builder toBuilder() {
    return config.copy();
  }

  /** Characters per page when documents are read page by page. */
  public int pageSize() {
    return config.pageSize;
  }

  /**
   * Fetches {@code url} and turns it into text.
   *
   * @throws dev.researcher4j.tools.web.guard.UrlRefusedException if the guard or robots.txt refuses
   *     the URL or a redirect target
   * @throws PageReadException if the document cannot be read (4xx, not text, broken PDF…)
   * @throws dev.researcher4j.api.RetryableException for 429, 5xx, timeouts and network failures
   */
  public WebDocument read(String url) {
    Objects.requireNonNull(url, "url");
    Fetcher.Fetched fetched = fetcher.fetch(url);
    DocumentKind kind = ContentSniffer.kind(fetched.contentType(), fetched.body(), fetched.url());
    if (kind == DocumentKind.PDF) {
      if (fetched.truncated()) {
        throw new PageReadException(
            fetched.url()
                + " is a PDF larger than "
                + config.maxBytes
                + " bytes; it was not read.");
      }
      PdfText.Result pdf = PdfText.extract(fetched.body(), fetched.url());
      return new WebDocument(
          url,
          fetched.url(),
          kind,
          fetched.contentType(),
          pdf.title(),
          pdf.text(),
          pdf.metadata(),
          List.of(),
          pdf.pageStarts(),
          false,
          "");
    }
    MediaType media = MediaType.parse(fetched.contentType());
    String headerCharset =
        media == null || media.charset() == null ? null : media.parameter("charset");
    String text = CharsetDetector.decode(fetched.body(), headerCharset).text();
    if (kind == DocumentKind.HTML) {
      ExtractedContent content = extractor.extract(text, fetched.url());
      return new WebDocument(
          url,
          fetched.url(),
          kind,
          fetched.contentType(),
          content.title(),
          content.text(),
          content.metadata(),
          content.links(),
          List.of(),
          fetched.truncated(),
          content.fallback());
    }
    String passed = text.replace("\r\n", "\n");
    return new WebDocument(
        url,
        fetched.url(),
        kind,
        fetched.contentType(),
        titleFromUrl(fetched.url()),
        passed,
        PageMetadata.EMPTY,
        List.of(),
        List.of(),
        fetched.truncated(),
        "");
  }

  private static String titleFromUrl(String url) {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      return "";
    }
    List<String> segments = parsed.pathSegments();
    String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    return last.isEmpty() ? parsed.host() : last;
  }

  @Override
  public String toString() {
    return "PageReader{guard="
        + config.guard
        + ", maxBytes="
        + config.maxBytes
        + ", timeout="
        + config.timeout
        + ", maxRedirects="
        + config.maxRedirects
        + ", robots="
        + config.respectRobots
        + "}";
  }

  /** Builds a {@link PageReader}. Not thread-safe. */
  public static final class Builder {
    private OkHttpClient client;
    private Dns dns = Dns.SYSTEM;
    private UrlGuard guard;
    private String userAgent = DEFAULT_USER_AGENT;
    private long maxBytes = DEFAULT_MAX_BYTES;
    private Duration timeout = DEFAULT_TIMEOUT;
    private int maxRedirects = DEFAULT_MAX_REDIRECTS;
    private int pageSize = DEFAULT_PAGE_SIZE;
    private boolean respectRobots = true;
    private Duration hostInterval = DEFAULT_HOST_INTERVAL;
    private int maxPerHost = DEFAULT_MAX_PER_HOST;
    private Duration maxCrawlDelay = DEFAULT_MAX_CRAWL_DELAY;
    private Path cacheDirectory;
    private long cacheMaxBytes = DEFAULT_CACHE_MAX_BYTES;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.client = client;
      b.dns = dns;
      b.guard = guard;
      b.userAgent = userAgent;
      b.maxBytes = maxBytes;
      b.timeout = timeout;
      b.maxRedirects = maxRedirects;
      b.pageSize = pageSize;
      b.respectRobots = respectRobots;
      b.hostInterval = hostInterval;
      b.maxPerHost = maxPerHost;
      b.maxCrawlDelay = maxCrawlDelay;
      b.cacheDirectory = cacheDirectory;
      b.cacheMaxBytes = cacheMaxBytes;
      b.sleeper = sleeper;
      b.clock = clock;
      return b;
    }

    /** The client to derive the reader's client from; default a new {@code OkHttpClient}. */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Resolves host names (the guard checks what it returns); default {@link Dns#SYSTEM}. */
    public Builder dns(Dns dns) {
      this.dns = Objects.requireNonNull(dns, "dns");
      return this;
    }

    /** Which URLs may be fetched; default {@link UrlGuard#fromEnv()}. */
    public Builder guard(UrlGuard guard) {
      this.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /** The User-Agent sent; default {@link #DEFAULT_USER_AGENT}. */
    public Builder userAgent(String userAgent) {
      Objects.requireNonNull(userAgent, "userAgent");
      if (userAgent.isBlank()) {
        throw new IllegalArgumentException("userAgent must not be blank");
      }
      this.userAgent = userAgent;
      return this;
    }

    /**
     * Largest (decompressed) body read; longer ones are cut. Default {@link #DEFAULT_MAX_BYTES}.
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be >= 1, but was " + maxBytes);
      }
      this.maxBytes = maxBytes;
      return this;
    }

    /** Time allowed per request, reading included. Default {@link #DEFAULT_TIMEOUT}. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be > 0, but was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** Most redirects followed. Default {@link #DEFAULT_MAX_REDIRECTS}. */
    public Builder maxRedirects(int maxRedirects) {
      if (maxRedirects < 0 || maxRedirects > 20) {
        throw new IllegalArgumentException("maxRedirects must be 0-20, but was " + maxRedirects);
      }
      this.maxRedirects = maxRedirects;
      return this;
    }

    /** Characters per page for long documents. Default {@link #DEFAULT_PAGE_SIZE}. */
    public Builder pageSize(int pageSize) {
      if (pageSize < 500) {
        throw new IllegalArgumentException("pageSize must be >= 500, but was " + pageSize);
      }
      this.pageSize = pageSize;
      return this;
    }

    /** Whether robots.txt is respected. Default true. */
    public Builder respectRobots(boolean respectRobots) {
      this.respectRobots = respectRobots;
      return this;
    }

    /**
     * Least time between the starts of two requests to the same host (a robots.txt {@code
     * Crawl-delay} that asks for more wins); zero for none. Default {@link #DEFAULT_HOST_INTERVAL}.
     */
    public Builder hostInterval(Duration hostInterval) {
      Objects.requireNonNull(hostInterval, "hostInterval");
      if (hostInterval.isNegative()) {
        throw new IllegalArgumentException("hostInterval must be >= 0, but was " + hostInterval);
      }
      this.hostInterval = hostInterval;
      return this;
    }

    /** Most requests to one host at once. Default {@link #DEFAULT_MAX_PER_HOST}. */
    public Builder maxPerHost(int maxPerHost) {
      if (maxPerHost < 1) {
        throw new IllegalArgumentException("maxPerHost must be >= 1, but was " + maxPerHost);
      }
      this.maxPerHost = maxPerHost;
      return this;
    }

    /**
     * Longest robots.txt {@code Crawl-delay} honoured as spacing; a site asking for more gets this
     * much. Default {@link #DEFAULT_MAX_CRAWL_DELAY}.
     */
    public Builder maxCrawlDelay(Duration maxCrawlDelay) {
      Objects.requireNonNull(maxCrawlDelay, "maxCrawlDelay");
      if (maxCrawlDelay.isNegative()) {
        throw new IllegalArgumentException("maxCrawlDelay must be >= 0, but was " + maxCrawlDelay);
      }
      this.maxCrawlDelay = maxCrawlDelay;
      return this;
    }

    /**
     * Where OkHttp's HTTP cache keeps responses between runs; default none (no disk cache). The
     * directory is the cache's alone.
     */
    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
      return this;
    }

    /** Most bytes the disk cache holds. Default {@link #DEFAULT_CACHE_MAX_BYTES}. */
    public Builder cacheMaxBytes(long cacheMaxBytes) {
      if (cacheMaxBytes < 1) {
        throw new IllegalArgumentException("cacheMaxBytes must be >= 1, but was " + cacheMaxBytes);
      }
      this.cacheMaxBytes = cacheMaxBytes;
      return this;
    }

    /** How to wait for the per-host limit; default {@link Sleeper#SYSTEM}. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** Clock for the per-host spacing and robots.txt expiry; default the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Builds the reader. */
    public PageReader build() {
      if (client == null) {
        client = new OkHttpClient();
      }
      if (guard == null) {
        guard = UrlGuard.fromEnv();
      }
      return new PageReader(this);
    }
  }
}
