package dev.researcher4j.tools.web.read.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RobotsCacheTest {

  private final FakeClock clock = FakeClock.fixed();
  private final RobotsCache cache = new RobotsCache("researcherj", clock);

  private RobotsCache.Verdict parse(String body) {
    return cache.parse(
        "https://example.org/robots.txt", body.getBytes(StandardCharsets.UTF_8), "text/plain");
  }

  @Test
  void readsRulesForItsTokenOrTheStarGroup() {
    RobotsCache.Verdict verdict =
        parse(
            "User-agent: researcherj\nDisallow: /private\nAllow: /private/open\n\n"
                + "User-agent: *\nDisallow: /\n");

    assertThat(verdict.allows("https://example.org/page")).isTrue();
    assertThat(verdict.allows("https://example.org/private/x")).isFalse();
    assertThat(verdict.allows("https://example.org/private/open/x")).isTrue();
    assertThat(verdict.unavailable()).isEmpty();
  }

  @Test
  void givesTheCrawlDelayOrZero() {
    assertThat(parse("User-agent: *\nCrawl-delay: 1.5\n").crawlDelay())
        .isEqualTo(Duration.ofMillis(1500));
    assertThat(parse("User-agent: *\nCrawl-delay: 0\n").crawlDelay()).isZero();
    assertThat(parse("User-agent: *\nDisallow:\n").crawlDelay()).isZero();
  }

  @Test
  void allowAllAndUnavailableVerdicts() {
    assertThat(RobotsCache.allowAll().allows("https://example.org/x")).isTrue();
    RobotsCache.Verdict closed = RobotsCache.unavailable("HTTP 503");
    assertThat(closed.allows("https://example.org/x")).isFalse();
    assertThat(closed.unavailable()).isEqualTo("HTTP 503");
  }

  @Test
  void loadsEachOriginOnceUntilItExpires() {
    AtomicInteger loads = new AtomicInteger();

    cache.get("https://a.example:443", () -> counted(loads));
    cache.get("https://a.example:443", () -> counted(loads));
    cache.get("https://b.example:443", () -> counted(loads));
    clock.advance(RobotsCache.TTL);
    cache.get("https://a.example:443", () -> counted(loads));
    assertThat(loads).hasValue(2);
    clock.advance(Duration.ofSeconds(1));
    cache.get("https://a.example:443", () -> counted(loads));

    assertThat(loads).hasValue(3);
  }

  private static RobotsCache.Verdict counted(AtomicInteger loads) {
    loads.incrementAndGet();
    return RobotsCache.allowAll();
  }

  @Test
  void aFailedLoadIsNotCachedAndReachesTheCaller() {
    AtomicInteger loads = new AtomicInteger();

    assertThatThrownBy(
            () ->
                cache.get(
                    "https://a.example:443",
                    () -> {
                      loads.incrementAndGet();
                      throw new IllegalStateException("dns failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("dns failed");
    cache.get("https://a.example:443", () -> counted(loads));

    assertThat(loads).hasValue(2);
  }

  /**
   * Starts a load of {@code slow.example} that blocks until {@code release}, then starts {@code
   * waiter} and returns once the waiter is waiting for that load.
   */
  private Thread loadingThen(
      CountDownLatch release,
      java.util.function.Supplier<RobotsCache.Verdict> finish,
      Thread waiter)
      throws InterruptedException {
    CountDownLatch loading = new CountDownLatch(1);
    Thread loader =
        new Thread(
            () -> {
              try {
                cache.get(
                    "https://slow.example:443",
                    () -> {
                      loading.countDown();
                      await(release);
                      return finish.get();
                    });
              } catch (IllegalStateException expected) {
                // the loader sees its own failure
              }
            });
    loader.start();
    loading.await();
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
      Thread.onSpinWait();
    }
    return loader;
  }

  /** A thread asking for {@code slow.example}, keeping what it ran into. */
  private Thread waiter(AtomicReference<Throwable> saw, AtomicReference<Boolean> interrupted) {
    return new Thread(
        () -> {
          try {
            cache.get("https://slow.example:443", RobotsCache::allowAll);
          } catch (RuntimeException e) {
            saw.set(e);
            interrupted.set(Thread.currentThread().isInterrupted());
          }
        });
  }

  @Test
  void callersWaitingForALoadGetItsFailure() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Throwable> saw = new AtomicReference<>();
    Thread waiter = waiter(saw, new AtomicReference<>());
    Thread loader =
        loadingThen(
            release,
            () -> {
              throw new IllegalStateException("robots fetch failed");
            },
            waiter);

    release.countDown();
    loader.join(TimeUnit.SECONDS.toMillis(30));
    waiter.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(saw.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("robots fetch failed");
  }

  @Test
  void anInterruptedWaitIsACancellation() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Throwable> saw = new AtomicReference<>();
    AtomicReference<Boolean> interruptKept = new AtomicReference<>();
    Thread waiter = waiter(saw, interruptKept);
    Thread loader = loadingThen(release, RobotsCache::allowAll, waiter);

    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(30));
    release.countDown();
    loader.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(saw.get())
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("slow.example");
    assertThat(interruptKept.get()).isTrue();
  }

  @Test
  void refusesAProductTokenRfc9309DoesNotAllow() {
    assertThatThrownBy(() -> new RobotsCache("researcher4j", clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was researcher4j");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
