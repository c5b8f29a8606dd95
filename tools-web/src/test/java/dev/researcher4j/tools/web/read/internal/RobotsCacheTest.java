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

  @Test
  void callersWaitingForALoadGetItsResultOrItsFailure() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Throwable> waiterSaw = new AtomicReference<>();
    Thread loader =
        new Thread(
            () -> {
              try {
                cache.get(
                    "https://slow.example:443",
                    () -> {
                      loading.countDown();
                      await(release);
                      throw new IllegalStateException("robots fetch failed");
                    });
              } catch (IllegalStateException expected) {
                // the loader sees its own failure
              }
            });
    Thread waiter =
        new Thread(
            () -> {
              try {
                cache.get("https://slow.example:443", RobotsCache::allowAll);
              } catch (RuntimeException e) {
                waiterSaw.set(e);
              }
            });

    loader.start();
    loading.await();
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
      Thread.onSpinWait();
    }
    release.countDown();
    loader.join(TimeUnit.SECONDS.toMillis(30));
    waiter.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(waiterSaw.get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("robots fetch failed");
  }

  @Test
  void anInterruptedWaitIsACancellation() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Throwable> waiterSaw = new AtomicReference<>();
    AtomicReference<Boolean> interruptKept = new AtomicReference<>();
    Thread loader =
        new Thread(
            () ->
                cache.get(
                    "https://slow.example:443",
                    () -> {
                      loading.countDown();
                      await(release);
                      return RobotsCache.allowAll();
                    }));
    Thread waiter =
        new Thread(
            () -> {
              try {
                cache.get("https://slow.example:443", RobotsCache::allowAll);
              } catch (RuntimeException e) {
                waiterSaw.set(e);
                interruptKept.set(Thread.currentThread().isInterrupted());
              }
            });

    loader.start();
    loading.await();
    waiter.start();
    while (waiter.getState() != Thread.State.WAITING && waiter.isAlive()) {
      Thread.onSpinWait();
    }
    waiter.interrupt();
    waiter.join(TimeUnit.SECONDS.toMillis(30));
    release.countDown();
    loader.join(TimeUnit.SECONDS.toMillis(30));

    assertThat(waiterSaw.get())
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
