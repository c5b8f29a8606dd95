package dev.researcher4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.eval.internal.GaiaScorer;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationGradingTest {

  @TempDir Path dir;

  private static final String YES =
      "{\"extractedFinalAnswer\": \"B\", \"reasoning\": \"same\", \"correct\": \"yes\","
          + " \"confidence\": \"60\"}";

  private static Dataset hle() throws URISyntaxException {
    return Dataset.load(
        Path.of(EvaluationGradingTest.class.getResource("/eval/hle.jsonl").toURI()));
  }

  /** A store that keeps trajectories in memory. */
  static final class MemoryStore implements TrajectoryStore {
    final Map<String, Trajectory> saved = new ConcurrentHashMap<>();

    @Override
    public String save(Trajectory trajectory) {
      String location =
          "mem:"
              + trajectory.header().task().groupId()
              + "/"
              + trajectory.header().task().attempt();
      saved.put(location, trajectory);
      return location;
    }

    @Override
    public Trajectory load(String location) {
      return saved.get(location);
    }
  }

  @Test
  void hleStyleEvaluationJudgesEveryItemCachesRepeatedAnswersAndUsesTheGivenStoreAndInstructions()
      throws Exception {
    AtomicInteger judgeCalls = new AtomicInteger();
    ChatModel judgeModel =
        request -> {
          judgeCalls.incrementAndGet();
          return ChatResponse.of(Message.assistant(YES));
        };
    Queue<Task> tasks = new ConcurrentLinkedQueue<>();
    FakeAgent agent =
        new FakeAgent(new FakeAgent.Answer("Answer: B\nConfidence: 60%"), 0).onCall(tasks::add);
    MemoryStore store = new MemoryStore();

    EvalSummary summary =
        Evaluation.builder()
            .agent(agent)
            .dataset(hle())
            .attempts(3)
            .judge(LlmJudge.builder(judgeModel).judgeModel("o3-mini").build())
            .gradeAllWith(Graders.JUDGE)
            .trajectoryStore(store)
            .instructions("End with 'Answer:' and 'Confidence:'.")
            .outputDir(dir)
            .build()
            .run();

    assertThat(summary.items()).isEqualTo(2);
    assertThat(summary.skipped()).containsEntry("needs an image (the agent reads text only)", 1);
    assertThat(summary.count(Grade.Label.CORRECT)).isEqualTo(6);
    // Three identical answers per item: one judge call per item, the rest from the cache.
    assertThat(judgeCalls.get()).isEqualTo(2);
    assertThat(Files.readAllLines(dir.resolve("judgements.jsonl"))).hasSize(2);
    assertThat(summary.confidences()).isEqualTo(6);
    assertThat(summary.calibrationError())
        .isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-12));

    assertThat(store.saved).hasSize(6);
    Trajectory saved = store.saved.get("mem:6687ffb1091058ff19128813/2");
    assertThat(saved.grades()).singleElement().extracting(Grade::grader).isEqualTo("llm-judge/1");
    assertThat(saved.grades().get(0).judgeModel()).isEqualTo("o3-mini");
    Task task =
        tasks.stream().filter(t -> t.groupId().startsWith("6687")).findFirst().orElseThrow();
    assertThat(task.instructions()).isEqualTo("End with 'Answer:' and 'Confidence:'.");
    assertThat(task.outputFormat()).contains("letter");
    assertThat(task.metadata())
        .containsEntry("dataset", "hle")
        .containsEntry("eval_run", summary.runId())
        .doesNotContainKeys("answer", "rationale");
    assertThat(task.question()).doesNotContain("A corner stone touches two points.");

    // A second run over the same directory asks the judge nothing: nothing is left to run.
    Evaluation.builder()
        .agent(agent)
        .dataset(hle())
        .attempts(3)
        .judge(LlmJudge.builder(judgeModel).judgeModel("o3-mini").build())
        .outputDir(dir)
        .build()
        .run();
    assertThat(judgeCalls.get()).isEqualTo(2);
  }

  @Test
  void itemsPickTheirGraderByFieldThenAnswerTypeThenTheDefault() {
    Grader contains =
        new Grader() {
          @Override
          public String id() {
            return "contains/1";
          }

          @Override
          public Grade grade(EvalItem item, String response) {
            boolean hit = response.contains(item.answer());
            return new Grade(
                id(),
                "",
                hit ? Grade.Label.CORRECT : Grade.Label.INCORRECT,
                hit ? 1 : 0,
                response,
                "",
                Double.NaN);
          }
        };
    Dataset dataset =
        Dataset.of(
            "mixed",
            List.of(
                EvalItem.of("field", "Q?", "Paris").withGrader("contains"),
                EvalItem.of("typed", "Q?", "12").withAnswerType(AnswerType.NUMERIC),
                EvalItem.of("mapped", "Q?", "B").withAnswerType(AnswerType.MULTIPLE_CHOICE),
                EvalItem.of("default", "Q?", "Paris")));
    FakeAgent agent = new FakeAgent(new FakeAgent.Answer("It is Paris, I think"), 0);
    agent.on("typed", 1, new FakeAgent.Answer("12.0 units"));
    agent.on("mapped", 1, new FakeAgent.Answer("The answer is (B)"));

    Evaluation.builder()
        .agent(agent)
        .dataset(dataset)
        .grader("contains", contains)
        .graderFor(AnswerType.MULTIPLE_CHOICE, "contains")
        .defaultGrader("contains")
        .outputDir(dir)
        .build()
        .run();

    Map<String, String> graderByItem = new java.util.HashMap<>();
    for (AttemptResult r : EvalResults.read(dir).attempts()) {
      graderByItem.put(r.itemId(), r.grade().grader() + "=" + r.label());
    }
    assertThat(graderByItem)
        .containsEntry("field", "contains/1=CORRECT")
        .containsEntry("typed", "numeric/1=CORRECT")
        .containsEntry("mapped", "contains/1=CORRECT")
        .containsEntry("default", "contains/1=CORRECT");
  }

  @Test
  void summarizeRecomputesTheReportsFromResultsWithoutRunningAnything() throws Exception {
    FakeAgent agent = new FakeAgent(new FakeAgent.Answer("Paris"), 0);
    Dataset dataset = Dataset.of("one", List.of(EvalItem.of("a", "Q?", "paris")));
    EvalSummary ran =
        Evaluation.builder().agent(agent).dataset(dataset).attempts(2).outputDir(dir).build().run();
    Files.delete(dir.resolve("summary.md"));

    EvalSummary again = Evaluation.summarize(dir, dataset, 2);

    assertThat(again).isEqualTo(ran);
    assertThat(Files.readString(dir.resolve("summary.md"))).contains("| pass@2 | 100.0% |");
    assertThat(agent.calls).hasSize(2);
    assertThat(GaiaScorer.matches("Paris", "paris")).isTrue();
  }
}
