package dev.researcher4j.tools.web.read.internal;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The robots.txt rules of each origin, fetched once however many reads of that origin start at the
 * same time (the first caller fetches, the others wait for its answer) and kept for {@link #TTL}.
 * Parsing is crawler-commons', which reads files as RFC 9309 and the major crawlers do: a byte
 * order mark is skipped, non-ASCII rule paths are percent-encoded before matching, the longest
 * match wins. Thread-safe.
 */
public final class RobotsCache {

  /** How long rules are kept before being fetched again (RFC 9309 suggests at most 24 hours). */
  public static final Duration TTL = Duration.ofHours(24);

  /**
   * The rules for an origin.
   *
   * @param rules what the file says (or allow-all / disallow-all when there is none)
   * @param unavailable empty when the rules come from the site; otherwise why robots.txt could not
   *     be had, in which case RFC 9309 has the crawler treat the site as closed
   */
  public record Verdict(BaseRobotRules rules, String unavailable) {
    /** Whether {@code url} may be fetched. */
    public boolean allows(String url) {
      return rules.isAllowed(url);
    }

    /** The spacing the site asks for between requests, zero when it asks for none. */
    public Duration crawlDelay() {
      long ms = rules.getCrawlDelay();
      return ms <= 0 ? Duration.ZERO : Duration.ofMillis(ms);
    }
  }

  private record Entry(CompletableFuture<Verdict> verdict, Instant expires) {}

  private final String token;
  private final Clock clock;
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  /**
   * A cache matching groups against the product token {@code token}.
   *
   * @throws IllegalArgumentException if {@code token} is not one RFC 9309 accepts ({@code
   *     [a-zA-Z_-]+})
   */
  public RobotsCache(String token, Clock clock) {
    if (!token.matches("[a-zA-Z_-]+")) {
      throw new IllegalArgumentException(
          "a robots.txt product token is letters, '_' and '-' only (RFC 9309), but was " + token);
    }
    this.token = token;
    this.clock = clock;
  }

  /** Rules parsed from a robots.txt body. */
  public Verdict parse(String robotsUrl, byte[] body, String contentType) {
    // no upper bound here: a site asking for a long Crawl-delay is paced (up to the reader's cap),
    // not treated as closed as crawler-commons does by default past 5 minutes
    SimpleRobotRulesParser parser =
        new SimpleRobotRulesParser(Long.MAX_VALUE, SimpleRobotRulesParser.DEFAULT_MAX_WARNINGS);
    return new Verdict(parser.parseContent(robotsUrl, body, contentType, List.of(token)), "");
  }

  /** No rules: everything is allowed (robots.txt answered 4xx). */
  public static Verdict allowAll() {
    return new Verdict(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL), "");
  }

  /** Everything disallowed because robots.txt could not be had, for {@code reason}. */
  public static Verdict unavailable(String reason) {
    return new Verdict(new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_NONE), reason);
  }

  /**
   * The verdict for {@code origin}, loading it with {@code loader} if it is not cached or has
   * expired. Callers asking for an origin being loaded wait for that load. A load that throws is
   * not cached: its exception reaches every caller waiting for it.
   *
   * @throws CancellationException if interrupted while waiting for another caller's load
   */
  public Verdict get(String origin, Supplier<Verdict> loader) {
    Instant now = clock.instant();
    CompletableFuture<Verdict> mine = new CompletableFuture<>();
    Entry entry =
        entries.compute(
            origin,
            (key, old) ->
                old == null || now.isAfter(old.expires()) ? new Entry(mine, now.plus(TTL)) : old);
    if (entry.verdict() == mine) {
      try {
        mine.complete(loader.get());
      } catch (RuntimeException | Error e) {
        entries.remove(origin, entry);
        mine.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return entry.verdict().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancelled =
          new CancellationException("interrupted while waiting for " + origin + "/robots.txt");
      cancelled.initCause(e);
      throw cancelled;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("loading robots.txt failed", e.getCause());
    }
  }
}
