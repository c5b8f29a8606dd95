package dev.researcher4j.eval;

import dev.researcher4j.api.Agent;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.eval.internal.EvalRunner;
import dev.researcher4j.eval.internal.GraderSelection;
import dev.researcher4j.eval.internal.Metrics;
import dev.researcher4j.eval.internal.Reports;
import dev.researcher4j.eval.internal.ResultsFile;
import dev.researcher4j.eval.internal.RunInfo;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@link Dataset} × k attempts against an {@link Agent}, grades every attempt and reports
 * pass@k — the library side of {@code researcher eval <dataset.jsonl> --k N --concurrency N --out
 * DIR [--judge-model M]}.
 *
 * <pre>{@code
 * EvalSummary summary = Evaluation.builder()
 *     .agent(agent)
 *     .dataset(Dataset.load(Path.of("hle-text.jsonl")))
 *     .attempts(4)
 *     .concurrency(8)
 *     .judge(judgeModel)                    // for free-text answers
 *     .outputDir(Path.of("runs/hle"))
 *     .listener(progressBar)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p><b>What it does.</b> Each item is asked k times (tasks with attempt 1..k and the item id as
 * group id), at most {@code concurrency} attempts at a time; an attempt that runs past {@code
 * attemptTimeout} is cancelled (the agent's future is cancelled; the timeout is real time). Budgets
 * of each run are the agent's own. Each attempt is graded, rewarded ({@link RewardFunction}), and
 * its trajectory — with the grade and reward in its footer — saved by the {@link TrajectoryStore};
 * attempts that timed out or crashed get a placeholder trajectory saying so. Then its line is
 * appended to {@code results.jsonl}.
 *
 * <p><b>Output directory.</b> {@code eval.json} (run id, dataset, k), {@code results.jsonl} (one
 * line per attempt), {@code judgements.jsonl} (the judge's cache), {@code trajectories/} (default
 * store), and at the end {@code summary.json} and {@code summary.md}.
 *
 * <p><b>Resume.</b> Running again into the same directory runs only the attempts not yet in {@code
 * results.jsonl} (a half-written last line is dropped and its attempt re-run) and keeps the run id;
 * a larger k adds attempts. Interrupting the thread in {@link #run()} stops the evaluation:
 * attempts in flight are cancelled and left unrecorded, and the reports cover what was recorded.
 * One evaluation at a time may use a directory (a lock file guards it).
 *
 * <p><b>Graders.</b> An item's {@code grader} field names its grader; else its {@link AnswerType}
 * picks one ({@code exact}, {@code numeric}, {@code multiple_choice}; free text goes to the {@code
 * judge}); else the default — the judge when one is set, else exact match. Every name must resolve
 * before anything runs. Register more with {@link Builder#grader}, re-map with {@link
 * Builder#graderFor}; {@link Builder#gradeAllWith} sends every item without its own grader to one
 * grader (HLE grades everything with its judge).
 *
 * <p>Immutable; {@link #run()} may be called again (it resumes).
 */
public final class Evaluation {

  /** Default attempts per item. */
  public static final int DEFAULT_ATTEMPTS = 1;

  /** Default number of attempts run at once. */
  public static final int DEFAULT_CONCURRENCY = 4;

  /** Default per-attempt timeout: longer than the default run budget's 30 minutes. */
  public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofMinutes(45);

  /** The results file's name in the output directory. */
  public static final String RESULTS_FILE = EvalRunner.RESULTS;

  /** The judge cache's file name in the output directory. */
  public static final String JUDGEMENTS_FILE = EvalRunner.JUDGEMENTS;

  /** The JSON summary's file name in the output directory. */
  public static final String SUMMARY_JSON = Reports.SUMMARY_JSON;

  /** The Markdown summary's file name in the output directory. */
  public static final String SUMMARY_MARKDOWN = Reports.SUMMARY_MD;

  private final EvalRunner.Config config;

  private Evaluation(EvalRunner.Config config) {
    this.config = config;
  }

  /** A builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs the attempts not yet recorded, writes the reports and returns the summary of everything
   * recorded.
   *
   * @throws dev.researcher4j.api.ConfigurationException if an item's grader cannot be found
   * @throws IllegalStateException if another evaluation is running in the output directory
   * @throws java.io.UncheckedIOException if the output directory cannot be written
   */
  public EvalSummary run() {
    return new EvalRunner(config).run();
  }

  /**
   * The summary of what {@code outputDir} holds for {@code dataset} at {@code k} attempts, without
   * running anything; the reports there are rewritten.
   */
  public static EvalSummary summarize(Path outputDir, Dataset dataset, int k) {
    String runId = RunInfo.read(outputDir).map(RunInfo::runId).orElse("");
    EvalSummary summary =
        Metrics.summarize(
            runId, dataset, k, ResultsFile.read(outputDir.resolve(RESULTS_FILE)).results());
    Reports.write(outputDir, summary);
    return summary;
  }

  /** The summary as the Markdown written to {@code summary.md}: a summary and a per-item table. */
  public static String markdown(EvalSummary summary) {
    return Reports.markdown(summary);
  }

  /** Builds an {@link Evaluation}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private Agent agent;
    private Dataset dataset;
    private Path outputDir;
    private int attempts = DEFAULT_ATTEMPTS;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration attemptTimeout = DEFAULT_ATTEMPT_TIMEOUT;
    private LlmJudge judge;
    private boolean cacheJudgementsOnDisk = true;
    private final Map<String, Grader> graders = new LinkedHashMap<>();
    private final Map<AnswerType, String> byType = new EnumMap<>(AnswerType.class);
    private String defaultGrader;
    private RewardFunction rewardFunction = RewardFunction.ofDefaults();
    private TrajectoryStore store;
    private EvalListener listener = EvalListener.NONE;
    private Clock clock = Clock.systemUTC();
    private String instructions = "";

    private Builder() {
      graders.put(Graders.EXACT, Graders.exactMatch());
      graders.put(Graders.NUMERIC, Graders.numeric());
      graders.put(Graders.MULTIPLE_CHOICE, Graders.multipleChoice());
      byType.put(AnswerType.EXACT, Graders.EXACT);
      byType.put(AnswerType.NUMERIC, Graders.NUMERIC);
      byType.put(AnswerType.MULTIPLE_CHOICE, Graders.MULTIPLE_CHOICE);
      byType.put(AnswerType.FREE_TEXT, Graders.JUDGE);
    }

    /** The agent under evaluation (required); any {@link Agent} will do. */
    public Builder agent(Agent agent) {
      this.agent = Objects.requireNonNull(agent, "agent is required, but was null");
      return this;
    }

    /** The items (required). */
    public Builder dataset(Dataset dataset) {
      this.dataset = Objects.requireNonNull(dataset, "dataset is required, but was null");
      return this;
    }

    /** Where results, trajectories and reports go (required); created if missing. */
    public Builder outputDir(Path outputDir) {
      this.outputDir = Objects.requireNonNull(outputDir, "outputDir is required, but was null");
      return this;
    }

    /** Attempts per item (k), at least 1; default {@value #DEFAULT_ATTEMPTS}. */
    public Builder attempts(int k) {
      if (k < 1) {
        throw new IllegalArgumentException("attempts must be >= 1, but was " + k);
      }
      this.attempts = k;
      return this;
    }

    /** Most attempts run at once, at least 1; default {@value #DEFAULT_CONCURRENCY}. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be >= 1, but was " + concurrency);
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Longest an attempt may run before it is cancelled; default {@link #DEFAULT_ATTEMPT_TIMEOUT}.
     */
    public Builder attemptTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "attemptTimeout is required, but was null");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("attemptTimeout must be positive, but was " + timeout);
      }
      this.attemptTimeout = timeout;
      return this;
    }

    /** Uses {@code model} as the LLM judge (grader {@value Graders#JUDGE}); default: none. */
    public Builder judge(ChatModel model) {
      return judge(LlmJudge.of(Objects.requireNonNull(model, "judge model is required")));
    }

    /** Uses this judge (grader {@value Graders#JUDGE}); it also becomes the default grader. */
    public Builder judge(LlmJudge judge) {
      this.judge = Objects.requireNonNull(judge, "judge is required, but was null");
      return this;
    }

    /** Whether judgements are also cached in {@value #JUDGEMENTS_FILE}; default true. */
    public Builder cacheJudgementsOnDisk(boolean cache) {
      this.cacheJudgementsOnDisk = cache;
      return this;
    }

    /** Registers a grader under {@code name}, for items' {@code grader} fields and mappings. */
    public Builder grader(String name, Grader grader) {
      graders.put(requireName(name), Objects.requireNonNull(grader, "grader is required"));
      return this;
    }

    /**
     * Grades items of {@code type} (without their own grader) with the grader named {@code name}.
     */
    public Builder graderFor(AnswerType type, String name) {
      byType.put(Objects.requireNonNull(type, "type is required"), requireName(name));
      return this;
    }

    /**
     * Grades every item without its own {@code grader} field with the grader named {@code name}.
     */
    public Builder gradeAllWith(String name) {
      String checked = requireName(name);
      for (AnswerType type : AnswerType.values()) {
        byType.put(type, checked);
      }
      this.defaultGrader = checked;
      return this;
    }

    /** The grader for items of unspecified answer type; default: the judge if set, else exact. */
    public Builder defaultGrader(String name) {
      this.defaultGrader = requireName(name);
      return this;
    }

    /** The reward written into each trajectory; default {@link RewardFunction#ofDefaults()}. */
    public Builder rewardFunction(RewardFunction rewardFunction) {
      this.rewardFunction =
          Objects.requireNonNull(rewardFunction, "rewardFunction is required, but was null");
      return this;
    }

    /** Where trajectories go; default {@link TrajectoryStore#jsonFiles} in the output directory. */
    public Builder trajectoryStore(TrajectoryStore store) {
      this.store = Objects.requireNonNull(store, "trajectoryStore is required, but was null");
      return this;
    }

    /** Hears progress; default {@link EvalListener#NONE}. */
    public Builder listener(EvalListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener is required, but was null");
      return this;
    }

    /** The clock for recorded times and the ETA; default the system clock (UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /**
     * Instructions added to every task (e.g. "end with Answer: … and Confidence: …%", which lets
     * graders read a confidence); default none.
     */
    public Builder instructions(String instructions) {
      this.instructions = Objects.requireNonNull(instructions, "instructions is required");
      return this;
    }

    /**
     * Builds the evaluation.
     *
     * @throws IllegalStateException naming the first required setting that is missing
     */
    public Evaluation build() {
      if (agent == null) {
        throw new IllegalStateException("agent is required, but was not set");
      }
      return new Evaluation(config());
    }

    /**
     * Builds the evaluation for attempts something else runs (a workflow engine): no agent is
     * needed; the concurrency and attempt timeout are the engine's to apply. <b>Experimental.</b>
     *
     * @throws IllegalStateException naming the first required setting that is missing
     */
    public ExternalAttempts buildExternal() {
      return new ExternalAttempts(config());
    }

    private EvalRunner.Config config() {
      if (dataset == null) {
        throw new IllegalStateException("dataset is required, but was not set");
      }
      if (outputDir == null) {
        throw new IllegalStateException("outputDir is required, but was not set");
      }
      Map<String, Grader> named = new LinkedHashMap<>(graders);
      if (judge != null && !named.containsKey(Graders.JUDGE)) {
        LlmJudge used =
            cacheJudgementsOnDisk ? judge.withCacheFile(outputDir.resolve(JUDGEMENTS_FILE)) : judge;
        named.put(Graders.JUDGE, used);
      }
      String fallback =
          defaultGrader != null
              ? defaultGrader
              : named.containsKey(Graders.JUDGE) ? Graders.JUDGE : Graders.EXACT;
      GraderSelection selection = new GraderSelection(named, byType, fallback);
      return new EvalRunner.Config(
          agent,
          dataset,
          attempts,
          concurrency,
          attemptTimeout,
          outputDir,
          selection,
          rewardFunction,
          store != null ? store : TrajectoryStore.jsonFiles(outputDir),
          listener,
          clock,
          instructions);
    }

    private static String requireName(String name) {
      Objects.requireNonNull(name, "grader name is required, but was null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("grader name is required, but was blank");
      }
      return name.strip();
    }
  }
}
