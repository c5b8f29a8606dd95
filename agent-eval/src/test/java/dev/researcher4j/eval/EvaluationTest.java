package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.Agent;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** q01..q20; the reference answer of qNN is "Answer NN". */
  private static Dataset twentyItems() {
    List<EvalItem> items = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      String id = String.format("q%02d", i);
      items.add(
          EvalItem.of(id, "Question " + i + "?", "Answer " + i).withAnswerType(AnswerType.EXACT));
    }
    return Dataset.of("twenty", items);
  }

  private static String right(int item) {
    return "answer " + item + ".";
  }

  /**
   * c per item: q01-q05 4 of 4; q06-q10 2 (attempts 1-2); q11-q14 1 (attempt 4); q15-q17 0; q18
   * attempt 1 fails without an answer, the rest wrong; q19 attempts 2-3 hang and time out, 1 and 4
   * right; q20 attempt 3 crashes, the rest right.
   */
  private static FakeAgent scriptedAgent() {
    FakeAgent agent = new FakeAgent(new FakeAgent.Answer("wrong"), 2);
    for (int i = 1; i <= 20; i++) {
      String id = String.format("q%02d", i);
      for (int a = 1; a <= 4; a++) {
        boolean correct =
            i <= 5
                || (i <= 10 && a <= 2)
                || (i >= 11 && i <= 14 && a == 4)
                || (i == 19 && (a == 1 || a == 4))
                || (i == 20 && a != 3);
        agent.on(id, a, new FakeAgent.Answer(correct ? right(i) : "something else"));
      }
    }
    agent.on("q18", 1, new FakeAgent.Fail("model provider rejected every call"));
    agent.on("q19", 2, new FakeAgent.Hang());
    agent.on("q19", 3, new FakeAgent.Hang());
    agent.on("q20", 3, new FakeAgent.Crash("agent exploded"));
    return agent;
  }

  private Evaluation.Builder evaluation(FakeAgent agent) {
    return Evaluation.builder()
        .agent(agent)
        .dataset(twentyItems())
        .attempts(4)
        .concurrency(4)
        .attemptTimeout(Duration.ofMillis(300))
        .outputDir(dir);
  }

  @Test
  void twentyItemsTimesFourAttemptsGiveTheSummaryComputedByHand() throws Exception {
    FakeAgent agent = scriptedAgent();

    EvalSummary summary = evaluation(agent).build().run();

    assertThat(agent.calls).hasSize(80);
    assertThat(agent.hangsCancelled.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(agent.cancelled).containsExactlyInAnyOrder("q19#2", "q19#3");

    assertThat(summary.complete()).isTrue();
    assertThat(summary.items()).isEqualTo(20);
    assertThat(summary.attemptsRecorded()).isEqualTo(80);
    assertThat(summary.count(Grade.Label.CORRECT)).isEqualTo(39);
    assertThat(summary.count(Grade.Label.NOT_ATTEMPTED)).isEqualTo(4);
    assertThat(summary.count(Grade.Label.INCORRECT)).isEqualTo(37);
    assertThat(summary.graderErrors()).isZero();
    assertThat(summary.count(AttemptStatus.FINISHED)).isEqualTo(77);
    assertThat(summary.count(AttemptStatus.TIMED_OUT)).isEqualTo(2);
    assertThat(summary.count(AttemptStatus.CRASHED)).isEqualTo(1);
    assertThat(summary.stopReasons())
        .containsEntry("COMPLETED", 76)
        .containsEntry("FAILED", 2)
        .containsEntry("CANCELLED", 2);

    // pass@1 = 39/80; pass@2 = (5 + 5·5/6 + 4·1/2 + 5/6 + 1)/20 = 13/20;
    // pass@3 = (5 + 5 + 4·3/4 + 1 + 1)/20 = 15/20; pass@4 = 16 items with a correct attempt / 20.
    assertThat(summary.passAt1()).isCloseTo(39 / 80.0, within(1e-12));
    assertThat(summary.passAtK(2).orElseThrow().value()).isCloseTo(13 / 20.0, within(1e-12));
    assertThat(summary.passAtK(3).orElseThrow().value()).isCloseTo(15 / 20.0, within(1e-12));
    assertThat(summary.passAtK(4).orElseThrow().value()).isCloseTo(16 / 20.0, within(1e-12));
    assertThat(summary.passAtK(4).orElseThrow().complete()).isTrue();
    assertThat(summary.passAtK(5)).isEmpty();
    assertThat(summary.avgAtN()).isCloseTo(39 / 80.0, within(1e-12));
    assertThat(summary.accuracy()).isCloseTo(39 / 80.0, within(1e-12));
    double p = 39 / 80.0;
    assertThat(summary.accuracyCi95()).isCloseTo(1.96 * Math.sqrt(p * (1 - p) / 80), within(1e-12));
    assertThat(summary.calibrationError()).isNaN();

    // 76 answered runs of 3 steps and 1 FAILED run of 1 step; timeouts and the crash excluded.
    assertThat(summary.steps().count()).isEqualTo(77);
    assertThat(summary.steps().mean()).isCloseTo((76 * 3 + 1) / 77.0, within(1e-12));
    assertThat(summary.steps().p50()).isEqualTo(3);
    assertThat(summary.toolCalls().p95()).isEqualTo(3);
    assertThat(summary.tokens().max()).isEqualTo(450);
    assertThat(summary.totalCostUsd()).isCloseTo(76 * 0.03 + 0.01, within(1e-9));

    ItemStats q19 = summary.item("q19").orElseThrow();
    assertThat(q19.n()).isEqualTo(4);
    assertThat(q19.correct()).isEqualTo(2);
    assertThat(q19.timedOut()).isEqualTo(2);
    assertThat(q19.labels())
        .containsExactly(
            Grade.Label.CORRECT,
            Grade.Label.NOT_ATTEMPTED,
            Grade.Label.NOT_ATTEMPTED,
            Grade.Label.CORRECT);
    assertThat(summary.item("q20").orElseThrow().crashed()).isEqualTo(1);
  }

  @Test
  void everyAttemptIsALineOfResultsAndATrajectoryWithItsGradeAndReward() throws Exception {
    evaluation(scriptedAgent()).build().run();

    List<String> lines = Files.readAllLines(dir.resolve("results.jsonl"));
    assertThat(lines).hasSize(80);
    Set<String> pairs = new HashSet<>();
    TrajectoryStore store = TrajectoryStore.jsonFiles(dir);
    for (String line : lines) {
      JsonNode row = JSON.readTree(line);
      pairs.add(row.get("item_id").asText() + "#" + row.get("attempt").asInt());
      assertThat(row.fieldNames())
          .toIterable()
          .contains(
              "item_id",
              "attempt",
              "answer",
              "label",
              "score",
              "confidence",
              "steps",
              "tool_calls",
              "tokens",
              "cost_usd",
              "elapsed_ms",
              "stop_reason",
              "trajectory",
              "error");
      Trajectory saved = store.load(row.get("trajectory").asText());
      assertThat(saved.header().task().groupId()).isEqualTo(row.get("item_id").asText());
      assertThat(saved.header().task().attempt()).isEqualTo(row.get("attempt").asInt());
      assertThat(saved.grades()).hasSize(1);
      assertThat(saved.grades().get(0).label().name().toLowerCase())
          .isEqualTo(row.get("label").asText());
      assertThat(saved.reward()).isNotNull();
      assertThat(saved.reward().value()).isEqualTo(row.get("reward").asDouble());
    }
    assertThat(pairs).hasSize(80);

    JsonNode crash = find(lines, "q20", 3);
    assertThat(crash.get("status").asText()).isEqualTo("crashed");
    assertThat(crash.get("label").asText()).isEqualTo("not_attempted");
    assertThat(crash.get("error").asText()).contains("IllegalStateException", "agent exploded");
    Trajectory crashTrajectory = store.load(crash.get("trajectory").asText());
    assertThat(crashTrajectory.requireOutcome().stopReason()).isEqualTo(StopReason.FAILED);

    JsonNode timeout = find(lines, "q19", 2);
    assertThat(timeout.get("status").asText()).isEqualTo("timed_out");
    assertThat(timeout.get("stop_reason").asText()).isEqualTo("CANCELLED");
    assertThat(timeout.get("error").asText()).contains("timed out after PT0.3S");

    JsonNode good = find(lines, "q01", 1);
    assertThat(good.get("label").asText()).isEqualTo("correct");
    assertThat(good.get("grader").asText()).isEqualTo("exact-match/1");
    assertThat(good.get("extracted_answer").asText()).isEqualTo("answer 1.");
    assertThat(good.get("tokens").asLong()).isEqualTo(450);
    assertThat(good.get("reward").asDouble()).isEqualTo(1.0);

    String markdown = Files.readString(dir.resolve("summary.md"));
    assertThat(markdown)
        .contains("| pass@1 | 48.8% |", "| pass@4 | 80.0% |", "| q19 | 4 | 2 | 50.0% |");
    JsonNode summaryJson = JSON.readTree(dir.resolve("summary.json").toFile());
    assertThat(summaryJson.get("pass_at_1").asDouble()).isCloseTo(39 / 80.0, within(1e-12));
    assertThat(summaryJson.get("statuses").get("timed_out").asInt()).isEqualTo(2);
    assertThat(summaryJson.get("per_item")).hasSize(20);
  }

  private static JsonNode find(List<String> lines, String item, int attempt) throws IOException {
    for (String line : lines) {
      JsonNode row = JSON.readTree(line);
      if (row.get("item_id").asText().equals(item) && row.get("attempt").asInt() == attempt) {
        return row;
      }
    }
    throw new AssertionError("no line for " + item + " attempt " + attempt);
  }

  @Test
  void anInterruptedEvaluationResumesWithoutRunningAnyRecordedAttemptAgain() throws Exception {
    // The first 30 calls answer; the 31st hangs and, as it starts, the evaluation is interrupted
    // (as a user pressing ctrl-c would), so at least one attempt is in flight when it stops.
    AtomicReference<Thread> runner = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    FakeAgent first =
        new FakeAgent(new FakeAgent.Answer("wrong"), 0)
            .hangAfter(30)
            .onCall(
                task -> {
                  if (calls.incrementAndGet() == 31) {
                    runner.get().interrupt();
                  }
                });
    for (int i = 1; i <= 20; i++) {
      first.on(String.format("q%02d", i), 1, new FakeAgent.Answer(right(i)));
    }
    AtomicReference<EvalSummary> partial = new AtomicReference<>();
    Thread thread =
        new Thread(
            () ->
                partial.set(evaluation(first).attemptTimeout(Duration.ofMinutes(5)).build().run()));
    runner.set(thread);
    thread.start();
    thread.join(TimeUnit.SECONDS.toMillis(20));
    assertThat(thread.isAlive()).isFalse();
    assertThat(partial.get().complete()).isFalse();
    String runId = partial.get().runId();

    Path results = dir.resolve("results.jsonl");
    Set<String> recorded = new HashSet<>();
    for (String line : Files.readAllLines(results)) {
      JsonNode row = JSON.readTree(line);
      recorded.add(row.get("item_id").asText() + "#" + row.get("attempt").asInt());
    }
    assertThat(recorded.size()).isBetween(1, 30);
    assertThat(partial.get().attemptsRecorded()).isEqualTo(recorded.size());
    // The attempts in flight were cancelled and left unrecorded.
    assertThat(first.cancelled).isNotEmpty().doesNotContainAnyElementsOf(recorded);
    // The process "dies" while writing the next line.
    Files.writeString(
        results, "{\"item_id\":\"q20\",\"attempt\":4,\"sta", StandardOpenOption.APPEND);

    FakeAgent second = new FakeAgent(new FakeAgent.Answer("wrong"), 0);
    for (int i = 1; i <= 20; i++) {
      second.on(String.format("q%02d", i), 1, new FakeAgent.Answer(right(i)));
    }
    EvalSummary summary = evaluation(second).build().run();

    Set<String> all = new HashSet<>();
    for (int i = 1; i <= 20; i++) {
      for (int a = 1; a <= 4; a++) {
        all.add(FakeAgent.key(String.format("q%02d", i), a));
      }
    }
    Set<String> expectedCalls = new HashSet<>(all);
    expectedCalls.removeAll(recorded);
    assertThat(second.callList()).doesNotHaveDuplicates();
    assertThat(new HashSet<>(second.callList())).isEqualTo(expectedCalls);
    assertThat(second.callList()).doesNotContainAnyElementsOf(recorded);

    assertThat(summary.complete()).isTrue();
    assertThat(summary.runId()).isEqualTo(runId);
    assertThat(summary.count(Grade.Label.CORRECT)).isEqualTo(20);
    assertThat(summary.passAtK(4).orElseThrow().value()).isEqualTo(1.0);
    List<String> lines = Files.readAllLines(results);
    assertThat(lines).hasSize(80).allSatisfy(line -> assertThat(line).endsWith("}"));

    FakeAgent third = new FakeAgent(new FakeAgent.Answer("wrong"), 0);
    EvalSummary again = evaluation(third).build().run();
    assertThat(third.calls).isEmpty();
    assertThat(again).isEqualTo(summary);
  }

  @Test
  void raisingKOnResumeRunsOnlyTheNewAttempts() {
    FakeAgent first = new FakeAgent(new FakeAgent.Answer("wrong"), 0);
    evaluation(first).attempts(2).build().run();
    assertThat(first.calls).hasSize(40);

    FakeAgent second = new FakeAgent(new FakeAgent.Answer("wrong"), 0);
    EvalSummary summary = evaluation(second).attempts(3).build().run();

    assertThat(second.callList()).hasSize(20).allSatisfy(call -> assertThat(call).endsWith("#3"));
    assertThat(summary.attemptsRecorded()).isEqualTo(60);
  }

  @Test
  void graderErrorsAreNeitherPassNorFailAndItemsWithoutEnoughVerdictsAreFlagged() {
    ChatModel downJudge =
        request -> {
          throw new dev.researcher4j.api.ServerErrorException("judge is down (503)");
        };
    List<EvalItem> items =
        List.of(
            EvalItem.of("exact", "Q1?", "Paris").withAnswerType(AnswerType.EXACT),
            EvalItem.of("judged", "Q2?", "A long answer").withGrader("judge"));
    FakeAgent agent = new FakeAgent(new FakeAgent.Answer("Paris"), 0);
    agent.on("judged", 1, new FakeAgent.Throw("cannot start"));

    EvalSummary summary =
        Evaluation.builder()
            .agent(agent)
            .dataset(Dataset.of("two", items))
            .attempts(2)
            .judge(LlmJudge.builder(downJudge).judgeModel("judge-1").build())
            .outputDir(dir)
            .build()
            .run();

    ItemStats judged = summary.item("judged").orElseThrow();
    assertThat(judged.attempts()).isEqualTo(2);
    assertThat(judged.graderErrors()).isEqualTo(1);
    assertThat(judged.notAttempted()).isEqualTo(1);
    assertThat(judged.crashed()).isEqualTo(1);
    assertThat(judged.n()).isEqualTo(1);
    assertThat(summary.graderErrors()).isEqualTo(1);
    PassAtK passAt2 = summary.passAtK(2).orElseThrow();
    assertThat(passAt2.items()).isEqualTo(1);
    assertThat(passAt2.itemsWithFewerAttempts()).containsExactly("judged");
    assertThat(passAt2.value()).isEqualTo(1.0);
    // Accuracy counts the grader error as wrong: 2 correct of 4 expected attempts.
    assertThat(summary.accuracy()).isEqualTo(0.5);
    AttemptResult error =
        EvalResults.read(dir).attempts().stream()
            .filter(r -> r.label() == Grade.Label.GRADER_ERROR)
            .findFirst()
            .orElseThrow();
    assertThat(error.grade().judgeModel()).isEqualTo("judge-1");
    assertThat(error.grade().explanation()).contains("judge failed", "judge is down");
    assertThat(error.reward()).isNaN();
    assertThat(Evaluation.markdown(summary))
        .contains("1 with fewer than 2 graded attempts left out");
  }

  @Test
  void itemsWhoseGraderIsMissingStopTheEvaluationBeforeAnythingRuns() {
    FakeAgent agent = new FakeAgent(new FakeAgent.Answer("x"), 0);
    Dataset dataset =
        Dataset.of(
            "free",
            List.of(
                EvalItem.of("a", "Q?", "A").withAnswerType(AnswerType.FREE_TEXT),
                EvalItem.of("b", "Q?", "B").withGrader("rubric")));

    assertThatThrownBy(
            () -> Evaluation.builder().agent(agent).dataset(dataset).outputDir(dir).build().run())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("grader 'judge'")
        .hasMessageContaining("set judge(...)")
        .hasMessageContaining("grader 'rubric'");
    assertThat(agent.calls).isEmpty();
  }

  @Test
  void neverRunsMoreAttemptsAtOnceThanTheConcurrencyCap() throws Exception {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    BlockingQueue<Map.Entry<Task, CompletableFuture<Trajectory>>> started =
        new LinkedBlockingQueue<>();
    Agent agent =
        new Agent() {
          @Override
          public Trajectory run(Task task) {
            return runAsync(task).join();
          }

          @Override
          public CompletableFuture<Trajectory> runAsync(Task task) {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<Trajectory> future = new CompletableFuture<>();
            started.add(Map.entry(task, future));
            return future;
          }
        };
    Thread evaluation =
        new Thread(
            () ->
                Evaluation.builder()
                    .agent(agent)
                    .dataset(twentyItems())
                    .attempts(2)
                    .concurrency(3)
                    .outputDir(dir)
                    .build()
                    .run());
    evaluation.start();

    // Hold the first three runs until all three have started: the cap is reached. Then finish
    // runs one at a time; a new run can only start once one in flight has finished.
    java.util.ArrayDeque<Map.Entry<Task, CompletableFuture<Trajectory>>> running =
        new java.util.ArrayDeque<>();
    for (int i = 0; i < 3; i++) {
      running.add(started.poll(10, TimeUnit.SECONDS));
    }
    assertThat(running).doesNotContainNull();
    assertThat(inFlight.get()).isEqualTo(3);
    for (int finished = 0; finished < 40; finished++) {
      Map.Entry<Task, CompletableFuture<Trajectory>> run = running.poll();
      inFlight.decrementAndGet();
      run.getValue()
          .complete(
              TestTrajectories.answered(
                  run.getKey(), "x", StopReason.COMPLETED, 1, 0, FakeAgent.USAGE_PER_STEP));
      if (finished + 3 < 40) {
        Map.Entry<Task, CompletableFuture<Trajectory>> next = started.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("run %d started", finished + 3).isNotNull();
        assertThat(inFlight.get()).isLessThanOrEqualTo(3);
        running.add(next);
      }
    }
    evaluation.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(evaluation.isAlive()).isFalse();
    assertThat(maxInFlight.get()).isEqualTo(3);
    assertThat(Files.readAllLines(dir.resolve("results.jsonl"))).hasSize(40);
  }

  @Test
  void reportsProgressWithPassRateCostAndAnEtaFromTheInjectedClock() {
    MutableClock clock = new MutableClock(TestTrajectories.T0);
    FakeAgent agent = new FakeAgent(new FakeAgent.Answer("wrong"), 0);
    agent.on("a", 1, new FakeAgent.Answer("Yes"));
    agent.onCall(task -> clock.advance(Duration.ofSeconds(10)));
    List<EvalProgress> events = new ArrayList<>();
    List<EvalSummary> finished = new ArrayList<>();
    EvalListener listener =
        new EvalListener() {
          @Override
          public void onStart(EvalProgress progress) {
            events.add(progress);
          }

          @Override
          public void onAttempt(AttemptResult result, EvalProgress progress) {
            events.add(progress);
          }

          @Override
          public void onFinish(EvalSummary summary) {
            finished.add(summary);
          }
        };

    Evaluation.builder()
        .agent(agent)
        .dataset(
            Dataset.of("two", List.of(EvalItem.of("a", "Q?", "yes"), EvalItem.of("b", "Q?", "no"))))
        .attempts(2)
        .concurrency(1)
        .clock(clock)
        .listener(listener)
        .outputDir(dir)
        .build()
        .run();

    assertThat(events).hasSize(5);
    EvalProgress start = events.get(0);
    assertThat(start.done()).isZero();
    assertThat(start.total()).isEqualTo(4);
    assertThat(start.etaIfKnown()).isEmpty();
    assertThat(start.passRate()).isNaN();
    EvalProgress first = events.get(1);
    assertThat(first.done()).isEqualTo(1);
    assertThat(first.correct()).isEqualTo(1);
    assertThat(first.passRate()).isEqualTo(1.0);
    assertThat(first.costUsd()).isCloseTo(0.03, within(1e-12));
    assertThat(first.elapsed()).isEqualTo(Duration.ofSeconds(10));
    assertThat(first.eta()).isEqualTo(Duration.ofSeconds(30));
    assertThat(first.toString()).isEqualTo("1/4 (25%) pass 100.0% cost $0.03 ETA 30s");
    EvalProgress second = events.get(2);
    assertThat(second.passRate()).isEqualTo(0.5);
    assertThat(second.eta()).isEqualTo(Duration.ofSeconds(20));
    assertThat(events.get(4).done()).isEqualTo(4);
    assertThat(events.get(4).eta()).isEqualTo(Duration.ZERO);
    assertThat(finished).hasSize(1);
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheEvaluation() {
    FakeAgent agent = new FakeAgent(new FakeAgent.Answer("x"), 0);
    EvalListener broken =
        new EvalListener() {
          @Override
          public void onAttempt(AttemptResult result, EvalProgress progress) {
            throw new IllegalStateException("progress bar broke");
          }
        };

    EvalSummary summary = evaluation(agent).attempts(1).listener(broken).build().run();

    assertThat(summary.complete()).isTrue();
  }

  @Test
  void twoEvaluationsCannotShareAnOutputDirectoryAtOnce() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Agent blocking =
        new Agent() {
          @Override
          public Trajectory run(Task task) {
            inside.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return TestTrajectories.answered(
                task, "x", StopReason.COMPLETED, 1, 0, FakeAgent.USAGE_PER_STEP);
          }
        };
    Dataset one = Dataset.of("one", List.of(EvalItem.of("a", "Q?", "x")));
    Thread first =
        new Thread(
            () -> Evaluation.builder().agent(blocking).dataset(one).outputDir(dir).build().run());
    first.start();
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

    try {
      assertThatThrownBy(
              () ->
                  Evaluation.builder()
                      .agent(new FakeAgent(new FakeAgent.Answer("x"), 0))
                      .dataset(one)
                      .outputDir(dir)
                      .build()
                      .run())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("another evaluation is running");
    } finally {
      release.countDown();
      first.join(TimeUnit.SECONDS.toMillis(10));
    }
  }

  @Test
  void builderNamesWhatIsMissingOrWrong() {
    assertThatThrownBy(() -> Evaluation.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("agent is required, but was not set");
    assertThatThrownBy(() -> Evaluation.builder().attempts(0))
        .hasMessage("attempts must be >= 1, but was 0");
    assertThatThrownBy(() -> Evaluation.builder().concurrency(-1))
        .hasMessage("concurrency must be >= 1, but was -1");
    assertThatThrownBy(() -> Evaluation.builder().attemptTimeout(Duration.ZERO))
        .hasMessage("attemptTimeout must be positive, but was PT0S");
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    synchronized void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
