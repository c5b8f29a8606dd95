package dev.researcher4j.tools.web.read.internal;

import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.RequestTimeoutException;
import dev.researcher4j.api.ServerErrorException;
import dev.researcher4j.api.TransportException;
import dev.researcher4j.core.http.RequestPacer;
import dev.researcher4j.tools.web.guard.UrlGuard;
import dev.researcher4j.tools.web.guard.UrlRefusedException;
import dev.researcher4j.tools.web.read.PageReadException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Fetches one URL the careful way: the guard checks it and every redirect target (redirects are
 * followed here, not by OkHttp, so none escapes the check), robots.txt is consulted (fetched once
 * per origin, see {@link RobotsCache}), requests to one host are paced (a few at once, spaced as
 * the site's {@code Crawl-delay} asks), and bodies are decompressed and cut at the size limit while
 * streaming. HTTP caching, when configured, is OkHttp's {@code Cache} on the client. Thread-safe.
 */
public final class Fetcher {

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

  private final OkHttpClient client;
  private final UrlGuard guard;
  private final String userAgent;
  private final String robotsToken;
  private final long maxBytes;
  private final int maxRedirects;
  private final boolean respectRobots;
  private final RequestPacer pacer;
  private final Duration maxCrawlDelay;
  private final RobotsCache robots;

  /**
   * A fetcher; {@code client} must not follow redirects and must resolve through the guard.
   *
   * @param maxCrawlDelay the longest robots.txt {@code Crawl-delay} honoured as spacing; a longer
   *     one is cut to it
   */
  public Fetcher(
      OkHttpClient client,
      UrlGuard guard,
      String userAgent,
      String robotsToken,
      long maxBytes,
      int maxRedirects,
      boolean respectRobots,
      RequestPacer pacer,
      Duration maxCrawlDelay,
      Clock clock) {
    this.client = client;
    this.guard = guard;
    this.userAgent = userAgent;
    this.robotsToken = robotsToken;
    this.maxBytes = maxBytes;
    this.maxRedirects = maxRedirects;
    this.respectRobots = respectRobots;
    this.pacer = pacer;
    this.maxCrawlDelay = maxCrawlDelay;
    this.robots = new RobotsCache(robotsToken, clock);
  }

  /**
   * Fetches {@code url}.
   *
   * @throws UrlRefusedException if the guard or robots.txt refuses it or a redirect target
   * @throws PageReadException for 4xx answers, bad redirects, hosts that do not resolve and
   *     undecodable bodies
   * @throws dev.researcher4j.api.RetryableException for 429, 5xx, timeouts and network failures
   */
  public Fetched fetch(String url) {
    return fetch(guard.check(url), maxBytes, respectRobots);
  }

  private Fetched fetch(HttpUrl start, long limit, boolean checkRobots) {
    HttpUrl current = start;
    for (int redirects = 0; ; redirects++) {
      Duration spacing = checkRobots ? checkRobots(current) : Duration.ZERO;
      Request request = request(current);
      RequestPacer.Permit permit = pacer.acquire(current.host().toLowerCase(Locale.ROOT), spacing);
      try (Response response = client.newCall(request).execute()) {
        int code = response.code();
        if (isRedirect(code)) {
          HttpUrl next = redirectTarget(current, code, response.header("Location"));
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
        if (!response.isSuccessful()) {
          throw failure(current, response);
        }
        BodyReader.Body body = BodyReader.read(response, limit, current.toString());
        String contentType = response.header("Content-Type", "");
        return new Fetched(current.toString(), contentType, body.bytes(), body.truncated());
      } catch (IOException e) {
        throw ioFailure(current, e);
      } finally {
        permit.close();
      }
    }
  }

  /** Where a redirect points, or a message saying why it cannot be followed. */
  private static HttpUrl redirectTarget(HttpUrl current, int code, String location) {
    if (location == null || location.isBlank()) {
      throw new PageReadException(
          current + " answered HTTP " + code + " (a redirect) without a Location header.", code);
    }
    HttpUrl next = current.resolve(location);
    if (next != null) {
      return next;
    }
    int colon = location.indexOf(':');
    String scheme = colon > 0 ? location.substring(0, colon).strip() : "";
    if (!scheme.isEmpty() && scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      throw new PageReadException(
          current
              + " redirected to a "
              + scheme.toLowerCase(Locale.ROOT)
              + ": address ("
              + location
              + "), which the reader does not follow: only http and https are read.",
          code);
    }
    throw new PageReadException(
        current
            + " answered HTTP "
            + code
            + " with a Location header that is not a usable address: "
            + location,
        code);
  }

  private Request request(HttpUrl url) {
    return new Request.Builder()
        .url(url)
        .header("User-Agent", userAgent)
        .header(
            "Accept",
            "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,"
                + "application/json;q=0.8,application/xml;q=0.8,*/*;q=0.5")
        // Asking for these ourselves turns off OkHttp's transparent gzip, so the size limit
        // is counted on decompressed bytes by BodyReader; brotli is not asked for.
        .header("Accept-Encoding", "gzip, deflate")
        .build();
  }

  /** Refuses {@code url} if robots.txt does; else the spacing the site asks for. */
  private Duration checkRobots(HttpUrl url) {
    String origin = url.scheme() + "://" + url.host() + ":" + url.port();
    RobotsCache.Verdict verdict = robots.get(origin, () -> loadRobots(url));
    if (!verdict.unavailable().isEmpty()) {
      throw new UrlRefusedException(
          "Refused to fetch "
              + url
              + ": the site's robots.txt could not be read ("
              + verdict.unavailable()
              + "), and until it can the site counts as closed to crawlers (RFC 9309). Try again"
              + " later or use another source.");
    }
    if (!verdict.allows(url.toString())) {
      throw new UrlRefusedException(
          "Refused to fetch "
              + url
              + ": the site's robots.txt does not allow "
              + robotsToken
              + " to read this path. Try another source for the same information.");
    }
    Duration delay = verdict.crawlDelay();
    return delay.compareTo(maxCrawlDelay) > 0 ? maxCrawlDelay : delay;
  }

  private RobotsCache.Verdict loadRobots(HttpUrl url) {
    HttpUrl robotsUrl =
        url.newBuilder().encodedPath("/robots.txt").query(null).fragment(null).build();
    try {
      Fetched fetched = fetch(guard.check(robotsUrl.toString()), ROBOTS_MAX_BYTES, false);
      return robots.parse(fetched.url(), fetched.body(), fetched.contentType());
    } catch (PageReadException e) {
      if (e.getCause() instanceof UnknownHostException unknown) {
        throw unknownHost(url, unknown); // say so, not that robots.txt forbids the page
      }
      // 4xx (or an unusable answer): RFC 9309 says there are no rules
      return RobotsCache.allowAll();
    } catch (UrlRefusedException | CancellationException e) {
      throw e;
    } catch (RuntimeException e) {
      // 5xx or unreachable: RFC 9309 says assume everything is disallowed for now
      return RobotsCache.unavailable(e.getMessage());
    }
  }

  private static PageReadException unknownHost(HttpUrl url, UnknownHostException e) {
    return new PageReadException(
        "Could not fetch "
            + url
            + ": the host "
            + url.host()
            + " does not resolve (no such name in DNS). Check the address for typos, or search"
            + " for the page again.",
        e);
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
    if (e instanceof UnknownHostException unknown) {
      return unknownHost(url, unknown);
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
