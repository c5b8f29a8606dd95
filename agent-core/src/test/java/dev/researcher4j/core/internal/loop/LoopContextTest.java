package dev.researcher4j.core.internal.loop;

import static dev.researcher4j.core.internal.loop.LoopDriver.SEARCH;
import static dev.researcher4j.core.internal.loop.LoopDriver.SYSTEM;
import static dev.researcher4j.core.internal.loop.LoopDriver.search;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolExecution.Status;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.context.CompactionRequest;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.context.ContextPolicy;
import dev.researcher4j.core.context.TokenEstimator;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * When the loop compacts the history: past the threshold of the context window (judged in the
 * provider's tokens), or early once enough stale tool results could go; and how it goes on with the
 * compacted history. One token per character keeps the sizes easy to follow.
 */
class LoopContextTest {

  private static final TokenEstimator ONE_PER_CHAR = TokenEstimator.charsPerToken(1);
  private static final Task LONG_TASK =
      Task.of("When did the bridge open? " + "Give the day, the month and the year. ".repeat(8));
  private static final List<Message> NOTES =
      List.of(Message.system(SYSTEM), Message.user("Notes: the bridge opened in 1937 [S1]."));

  private static ContextManagement nearWindow() {
    return ContextManagement.builder()
        .policy(ContextPolicy.none())
        .estimator(ONE_PER_CHAR)
        .threshold(0.5)
        .target(0.25)
        .staleResultTokens(0)
        .build();
  }

  private static LoopDriver.Setup setup(ContextManagement context, int window) {
    LoopDriver.Setup setup = LoopDriver.setup();
    setup.task = LONG_TASK;
    setup.context = context;
    setup.contextWindow = window;
    return setup;
  }

  /** The estimated prompt of the first call, and of the call after one search round. */
  private static long[] sizes(ContextManagement context) {
    LoopDriver dry = setup(context, 10_000_000).start();
    long first = dry.call().promptEstimate();
    dry.searchRound("c1");
    return new long[] {first, dry.call().promptEstimate()};
  }

  private static long toolTokens() {
    return ONE_PER_CHAR.estimate(List.of(), List.of(SEARCH));
  }

  @Test
  void aHistoryPastTheThresholdIsCompactedBeforeTheNextCall() {
    long[] size = sizes(nearWindow());
    int window = (int) (2 * size[0]);
    LoopDriver run = setup(nearWindow(), window).start();
    // Exactly at the threshold is not past it.
    assertThat(run.call().promptEstimate()).isEqualTo(size[0]);

    run.after(Duration.ofSeconds(2)).searchRound("c1");

    assertThat(run.action).isInstanceOf(Action.Compact.class);
    Action.Compact compact = (Action.Compact) run.action;
    assertThat(compact.messages()).hasSize(4);
    assertThat(compact.messages().get(3))
        .isEqualTo(Message.tool("c1", "web_search", "result of c1"));
    assertThat(compact.estimatedTokens()).isEqualTo(size[1]);
    assertThat(compact.targetTokens()).isEqualTo(window / 4 - toolTokens());
    assertThat(compact.contextWindow()).isEqualTo(window);
    assertThat(compact.trigger()).isEqualTo("window");
    assertThat(compact.budget()).isNotNull();
    assertThat(compact.now()).isEqualTo(run.now);
  }

  @Test
  void theCallAfterACompactionSendsTheCompactedHistoryMarkedRewrittenOnce() {
    long[] size = sizes(nearWindow());
    LoopDriver run = setup(nearWindow(), (int) (2 * size[0])).start();
    run.searchRound("c1");

    run.next(new Event.Compacted(NOTES, 60, List.of(), null, run.now));

    assertThat(run.call().request().messages()).isEqualTo(NOTES);
    assertThat(run.call().historyRewritten()).isTrue();
    assertThat(run.call().promptEstimate()).isEqualTo(run.estimate(run.call().request()));

    run.searchRound("c2");
    assertThat(run.call().historyRewritten()).isFalse();
    assertThat(run.call().request().messages()).startsWith(NOTES.get(0), NOTES.get(1));
  }

  @Test
  void aCompactionThatChangedNothingGoesOnWithTheHistoryAsItWas() {
    long[] size = sizes(nearWindow());
    LoopDriver run = setup(nearWindow(), (int) (2 * size[0])).start();
    run.searchRound("c1");

    run.next(new Event.Compacted(null, size[1], List.of(), null, run.now));

    assertThat(run.call().request().messages()).hasSize(4);
    assertThat(run.call().historyRewritten()).isFalse();
  }

  @Test
  void theCompactionsModelCallsSpendTheBudgetAndItsStopEndsTheRun() {
    long[] size = sizes(nearWindow());
    LoopDriver.Setup setup = setup(nearWindow(), (int) (2 * size[0]));
    setup.budget = Budget.unlimited().toBuilder().maxSteps(3).build();
    LoopDriver run = setup.start();
    run.searchRound("c1");

    run.next(
        new Event.Compacted(
            NOTES,
            60,
            List.of(new ModelUse(Usage.of(500, 50), 500, 50, Duration.ofSeconds(1))),
            null,
            run.now));
    assertThat(run.call().finalAnswer()).isTrue();

    LoopDriver stopped = setup(nearWindow(), (int) (2 * size[0])).start();
    stopped.searchRound("c1");
    stopped.next(new Event.Compacted(null, 0, List.of(), Event.Stop.cancelled(), stopped.now));
    assertThat(stopped.ending().reason()).isEqualTo(StopReason.CANCELLED);
  }

  @Test
  void theWindowIsJudgedInTheProvidersTokens() {
    long[] size = sizes(nearWindow());
    int window = (int) (2 * size[1]);
    LoopDriver unscaled = setup(nearWindow(), window).start();
    unscaled.searchRound("c1");
    assertThat(unscaled.action).isInstanceOf(Action.CallModel.class);

    // The provider counted twice the estimate: the same history is now past the threshold.
    LoopDriver run = setup(nearWindow(), window).start();
    run.reply(LoopDriver.withUsage(LoopDriver.calls(search("c1")), 2 * size[0], 10));
    run.ran(Status.OK);

    assertThat(run.action).isInstanceOf(Action.Compact.class);
    assertThat(((Action.Compact) run.action).targetTokens())
        .isEqualTo((long) (window * 0.25 / 2.0) - toolTokens());
  }

  // ------------------------------------------------------------------ stale results

  private static ContextManagement stale(long threshold, ToLongFunction<List<Message>> reclaim) {
    ContextPolicy policy =
        new ContextPolicy() {
          @Override
          public List<Message> compact(CompactionRequest request) {
            return request.messages();
          }

          @Override
          public long reclaimableTokens(List<Message> messages, TokenEstimator estimator) {
            return reclaim.applyAsLong(messages);
          }
        };
    return ContextManagement.builder()
        .policy(policy)
        .estimator(ONE_PER_CHAR)
        .threshold(0.75)
        .target(0.25)
        .staleResultTokens(threshold)
        .build();
  }

  @Test
  void enoughStaleResultsAreClearedFarBelowTheWindowWithoutCuttingMore() {
    long[] size = sizes(nearWindow());
    int window = (int) (2 * size[1]);
    LoopDriver run = setup(stale(10, m -> m.size() > 2 ? 10 : 0), window).start();

    run.searchRound("c1");

    assertThat(run.action).isInstanceOf(Action.Compact.class);
    Action.Compact compact = (Action.Compact) run.action;
    assertThat(compact.trigger()).isEqualTo("stale_results");
    assertThat(compact.targetTokens()).isEqualTo(size[1]);
  }

  @Test
  void tooFewStaleResultsOrAPolicyThatThrowsLeaveTheHistoryAlone() {
    long[] size = sizes(nearWindow());
    int window = (int) (2 * size[1]);

    LoopDriver few = setup(stale(10, m -> 9), window).start();
    few.searchRound("c1");
    assertThat(few.action).isInstanceOf(Action.CallModel.class);

    LoopDriver off = setup(stale(0, m -> 1_000), window).start();
    off.searchRound("c1");
    assertThat(off.action).isInstanceOf(Action.CallModel.class);

    LoopDriver throwing =
        setup(
                stale(
                    10,
                    m -> {
                      throw new IllegalStateException("cannot size");
                    }),
                window)
            .start();
    throwing.searchRound("c1");
    assertThat(throwing.action).isInstanceOf(Action.CallModel.class);
  }
}
