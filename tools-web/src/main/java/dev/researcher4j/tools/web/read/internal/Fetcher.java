package dev.researcher4j.tools.web.read.internal;

import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.RequestTimeoutException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.TransportException;
import dev.researcher4j.tools.web.guard.UrlGuard;
import dev.researcher4j.tools.web.guard.UrlRefusedException;
import dev.researcher4j.tools.web.read.PageReadException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches one URL the careful way: the guard checks it and every redirect target (redirects are
 * followed here, not by OkHttp, so none escapes the check), robots.txt is consulted and cached per
 * origin, requests to one host are spaced out, bodies are decompressed and cut at the size limit,
 * and disk-cached responses are revalidated with conditional requests. Thread-safe.
 */
public final class Fetcher {

  /** How long robots.txt rules are kept before being fetched again. */
  static final Duration ROBOTS_TTL = Duration.ofHours(24);

  /** Largest robots.txt read; RFC 9309 asks parsers to read at least 500 KiB. */
  static final long ROBOTS_MAX_BYTES = 512 * 1024;

  /**
   * A fetched response body.
   *
   * @param url the URL that finally answered
   * @param contentType its content type header, or empty
   * @param body the decompressed body, at most the size limit
   * @param truncated whether the body was longer and was cut
   */
  public record Fetched(String url, String contentType, byte[] body, boolean truncated) {}

  private record CachedRobots(RobotsRules rules, Instant expires) {}

  private final OkHttpClient client;
  private final UrlGuard guard;
  private final String userAgent;
  private final String robotsToken;
  private final long maxBytes;
  private final int maxRedirects;
  private final boolean respectRobots;
  private final HostThrottle throttle;
  private final DiskCache diskCache;
  private final Clock clock;
  private final Map<String, CachedRobots> robots = new ConcurrentHashMap<>();

  /** A fetcher; {@code client} must not follow redirects and must resolve through the guard. */
  public Fetcher(
      OkHttpClient client,
      UrlGuard guard,
      String userAgent,
      String robotsToken,
      long maxBytes,
      int maxRedirects,
      boolean respectRobots,
      HostThrottle throttle,
      DiskCache diskCache,
      Clock clock) {
    this.client = client;
    this.guard = guard;
    this.userAgent = userAgent;
    this.robotsToken = robotsToken;
    this.maxBytes = maxBytes;
    this.maxRedirects = maxRedirects;
    this.respectRobots = respectRobots;
    this.throttle = throttle;
    this.diskCache = diskCache;
    this.clock = clock;
  }

  /**
   * Fetches {@code url}.
   *
   * @throws UrlRefusedException if the guard or robots.txt refuses it or a redirect target
   * @throws PageReadException for 4xx answers, bad redirects and undecodable bodies
   * @throws dev.researcher4j.api.RetryableException for 429, 5xx, timeouts and network failures
   */
  public Fetched fetch(String url) {
    return fetch(guard.check(url), maxBytes, respectRobots);
  }

  private Fetched fetch(HttpUrl start, long limit, boolean checkRobots) {
    HttpUrl current = start;
    for (int redirects = 0; ; redirects++) {
      if (checkRobots) {
        checkRobots(current);
      }
      Optional<DiskCache.Entry> cached =
          diskCache == null ? Optional.empty() : diskCache.get(current.toString());
      Request request = request(current, cached.orElse(null));
      throttle.acquire(current.host());
      try (Response response = client.newCall(request).execute()) {
        int code = response.code();
        if (isRedirect(code)) {
          String location = response.header("Location");
          HttpUrl next = location == null ? null : current.resolve(location);
          if (next == null) {
            throw new PageReadException(
                current + " answered HTTP " + code + " without a usable Location header.", code);
          }
          if (redirects + 1 > maxRedirects) {
            throw new PageReadException(
                start
                    + " redirected more than "
                    + maxRedirects
                    + " times (last to "
                    + next
                    + "); giving up.",
                code);
          }
          current = guard.check(next.toString());
          continue;
        }
        if (code == 304 && cached.isPresent()) {
          DiskCache.Entry e = cached.get();
          return new Fetched(current.toString(), e.contentType(), e.body(), e.truncated());
        }
        if (!response.isSuccessful()) {
          throw failure(current, response);
        }
        BodyReader.Body body = BodyReader.read(response, limit, current.toString());
        String contentType = response.header("Content-Type", "");
        if (diskCache != null) {
          diskCache.put(
              new DiskCache.Entry(
                  current.toString(),
                  contentType,
                  response.header("ETag", ""),
                  response.header("Last-Modified", ""),
                  body.bytes(),
                  body.truncated()));
        }
        return new Fetched(current.toString(), contentType, body.bytes(), body.truncated());
      } catch (IOException e) {
        throw ioFailure(current, e);
      }
    }
  }

  private Request request(HttpUrl url, DiskCache.Entry cached) {
    Request.Builder b =
        new Request.Builder()
            .url(url)
            .header("User-Agent", userAgent)
            .header(
                "Accept",
                "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,"
                    + "application/json;q=0.8,application/xml;q=0.8,*/*;q=0.5")
            // Asking for these ourselves turns off OkHttp's transparent gzip, so the size limit
            // is counted on decompressed bytes by BodyReader; brotli is not asked for.
            .header("Accept-Encoding", "gzip, deflate");
    if (cached != null) {
      if (!cached.etag().isEmpty()) {
        b.header("If-None-Match", cached.etag());
      }
      if (!cached.lastModified().isEmpty()) {
        b.header("If-Modified-Since", cached.lastModified());
      }
    }
    return b.build();
  }

  private void checkRobots(HttpUrl url) {
    String origin = url.scheme() + "://" + url.host() + ":" + url.port();
    CachedRobots entry = robots.get(origin);
    Instant now = clock.instant();
    if (entry == null || now.isAfter(entry.expires())) {
      entry = new CachedRobots(loadRobots(url), now.plus(ROBOTS_TTL));
      robots.put(origin, entry);
    }
    String path = url.encodedPath() + (url.encodedQuery() == null ? "" : "?" + url.encodedQuery());
    if (!entry.rules().allows(path)) {
      throw new UrlRefusedException(
          "Refused to fetch "
              + url
              + ": the site's robots.txt does not allow "
              + robotsToken
              + " to read this path. Try another source for the same information.");
    }
  }

  private RobotsRules loadRobots(HttpUrl url) {
    HttpUrl robotsUrl =
        url.newBuilder().encodedPath("/robots.txt").query(null).fragment(null).build();
    try {
      Fetched fetched = fetch(guard.check(robotsUrl.toString()), ROBOTS_MAX_BYTES, false);
      return RobotsRules.parse(new String(fetched.body(), StandardCharsets.UTF_8), robotsToken);
    } catch (PageReadException e) {
      // 4xx (or an unusable answer): RFC 9309 says there are no rules
      return RobotsRules.ALLOW_ALL;
    } catch (UrlRefusedException e) {
      throw e;
    } catch (RuntimeException e) {
      // 5xx or unreachable: RFC 9309 says assume everything is disallowed for now
      return RobotsRules.DISALLOW_ALL;
    }
  }

  private static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  private static RuntimeException failure(HttpUrl url, Response response) {
    int code = response.code();
    String status = "HTTP " + code + (response.message().isEmpty() ? "" : " " + response.message());
    if (code == 429) {
      return new RateLimitException(
          url + " answered " + status + " (too many requests); try again later.",
          null,
          "web",
          code,
          "",
          null);
    }
    if (code >= 500) {
      return new ServerErrorException(
          url + " answered " + status + " (a server error); try again later or use another source.",
          null,
          "web",
          code,
          "",
          null);
    }
    String advice =
        switch (code) {
          case 401, 403 -> "the site refuses access (login or paywall?); use another source";
          case 404, 410 -> "there is no such page; check the URL or search for the page again";
          default -> "the request was refused";
        };
    return new PageReadException(url + " answered " + status + ": " + advice + ".", code);
  }

  private RuntimeException ioFailure(HttpUrl url, IOException e) {
    Optional<UrlRefusedException> refused = UrlGuard.refusalIn(e);
    if (refused.isPresent()) {
      return new UrlRefusedException(
          refused
              .get()
              .getMessage()
              .replace("Refused to fetch " + url.host(), "Refused to fetch " + url));
    }
    if (Thread.currentThread().isInterrupted()) {
      CancellationException cancelled =
          new CancellationException("fetching " + url + " was interrupted");
      cancelled.initCause(e);
      return cancelled;
    }
    if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      return new RequestTimeoutException(
          url
              + " did not answer in time ("
              + e.getMessage()
              + "); try again later or use another source.",
          e,
          "web",
          0,
          "");
    }
    return new TransportException(
        "Could not fetch "
            + url
            + ": "
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + ".",
        e,
        "web",
        0,
        "");
  }
}
