package dev.researcher4j.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.RecordingSleeper;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

  private final FakeClock clock = FakeClock.fixed();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void spacesTheStartsOfRequestsToOneKeyAndNotToOthers() {
    RequestPacer pacer = RequestPacer.spacing(Duration.ofSeconds(3), clock, sleeper);

    pacer.acquire("export.arxiv.org", Duration.ZERO).close();
    pacer.acquire("export.arxiv.org", Duration.ZERO).close();
    pacer.acquire("api.crossref.org", Duration.ZERO).close();
    clock.advance(Duration.ofSeconds(10));
    pacer.acquire("export.arxiv.org", Duration.ZERO).close();

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
  }

  @Test
  void aLongerSpacingAskedForWinsOverTheInterval() {
    RequestPacer pacer =
        RequestPacer.builder()
            .interval(Duration.ofMillis(100))
            .clock(clock)
            .sleeper(sleeper)
            .build();

    pacer.acquire("a.example", Duration.ofSeconds(5)).close();
    pacer.acquire("a.example", Duration.ZERO).close();
    pacer.acquire("a.example", Duration.ZERO).close();

    assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofMillis(5100));
  }

  @Test
  void withoutSpacingLetsTwoRequestsRunAtOnceAndHoldsTheThird() throws Exception {
    RequestPacer pacer = RequestPacer.builder().clock(clock).sleeper(sleeper).build();
    RequestPacer.Permit first = pacer.acquire("wiki.example", Duration.ZERO);
    RequestPacer.Permit second = pacer.acquire("wiki.example", Duration.ZERO);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean thirdRan = new AtomicBoolean();
    Thread third =
        new Thread(
            () -> {
              started.countDown();
              RequestPacer.Permit p = pacer.acquire("wiki.example", Duration.ZERO);
              thirdRan.set(true);
              p.close();
            });

    third.start();
    started.await();
    assertThat(pacer.running("wiki.example")).isEqualTo(2);
    assertThat(thirdRan).isFalse();
    first.close();
    third.join(TimeUnit.SECONDS.toMillis(30));
    second.close();

    assertThat(thirdRan).isTrue();
    assertThat(pacer.running("wiki.example")).isZero();
    assertThat(sleeper.sleeps()).isEmpty();
  }

  @Test
  void closingAPermitTwiceGivesItsPlaceBackOnce() {
    RequestPacer pacer =
        RequestPacer.builder().maxConcurrent(1).clock(clock).sleeper(sleeper).build();
    RequestPacer.Permit p = pacer.acquire("k", Duration.ZERO);
    RequestPacer.Permit q;

    p.close();
    p.close();
    q = pacer.acquire("k", Duration.ZERO);

    assertThat(pacer.running("k")).isEqualTo(1);
    q.close();
  }

  @Test
  void anInterruptedWaitIsACancellationAndFreesThePlace() {
    RequestPacer pacer =
        RequestPacer.builder()
            .interval(Duration.ofSeconds(1))
            .clock(clock)
            .sleeper(
                d -> {
                  throw new InterruptedException("cancelled");
                })
            .build();
    pacer.acquire("k", Duration.ZERO).close();

    assertThatThrownBy(() -> pacer.acquire("k", Duration.ZERO))
        .isInstanceOf(CancellationException.class)
        .hasMessageContaining("k");
    assertThat(Thread.interrupted()).isTrue();
    assertThat(pacer.running("k")).isZero();
  }

  @Test
  void rejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> RequestPacer.builder().maxConcurrent(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxConcurrent must be >= 1, but was 0");
    assertThatThrownBy(() -> RequestPacer.builder().interval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was PT-1S");
  }
}
