package dev.researcher4j.core.report;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.internal.report.BudgetSplit;
import dev.researcher4j.core.internal.report.ReportRun;
import dev.researcher4j.core.internal.report.ReportSettings;
import dev.researcher4j.core.internal.run.DefaultExecutor;
import dev.researcher4j.core.internal.run.Resumption;
import dev.researcher4j.core.internal.run.SafeListener;
import dev.researcher4j.core.trajectory.TrajectoryFormatException;
import dev.researcher4j.core.trajectory.TrajectoryLockedException;
import dev.researcher4j.core.trajectory.TrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Writes long research reports — thousands to tens of thousands of words — with every claim cited
 * and checked.
 *
 * <pre>{@code
 * LongReport writer = LongReport.builder()
 *     .researcher(agent)              // researches each section (a sub-run per section)
 *     .chatModel(model)               // plans, writes and assembles
 *     .words(10_000)
 *     .trajectorySink(JsonlTrajectorySink.toFile(Path.of("report.jsonl")))
 *     .build();
 * ReportResult report = writer.write("The state of solid-state batteries");
 * Files.writeString(Path.of("report.md"), report.markdown());
 * }</pre>
 *
 * <p><b>How a report is made.</b> The model plans an outline (structured output: a title, and per
 * section its title, the questions it must answer and its share of the length); the words are then
 * planned so that sections, summary, transitions and conclusion add up to {@link Builder#words} —
 * the length is met by planning, not by padding. Each section is researched by the {@linkplain
 * Builder#researcher researcher}, a full run of its own whose trajectory is linked from the
 * report's; at most {@link Builder#maxParallelSections} at once. All sections register their
 * sources in one shared list ({@link dev.researcher4j.core.cite.SharedSources}), so {@code [S12]}
 * means the same source in every section and in the one reference list. Each section is written
 * from its own evidence at its planned length (revised once when more than 15% off, or when
 * paragraphs cite nothing), and its claims are checked by the {@link VerificationPolicy}:
 * unsupported ones are flagged in place, never silently kept. The assembly writes the summary, a
 * transition into each section and the conclusion (checked too), and takes out paragraphs that
 * repeat an earlier section.
 *
 * <p><b>Budget.</b> The {@linkplain Builder#budget budget} is for the whole report: a {@linkplain
 * Builder#reserve reserve} goes to the outline and the assembly, the rest is split across the
 * sections by their planned length, and each section's share between its research and its writing.
 * A section whose share runs out keeps its best text — its researcher's notes — marked as such.
 *
 * <p><b>Progress and failures.</b> Listeners get {@link AgentListener#onReportSection} as each
 * section is planned, researched, drafted and verified, besides the report run's own step events.
 * {@link #write} never throws because research went wrong: the {@link ReportResult}'s warnings, the
 * top of the document and the sections concerned say what could not be done. A report whose process
 * died is continued with {@link #resume}: finished sections are kept, not redone.
 *
 * <p>Immutable and thread-safe once built; reports may be written concurrently.
 */
public final class LongReport {

  /** Default length target, in words. */
  public static final int DEFAULT_WORDS = 5_000;

  /** Default number of sections researched at once. */
  public static final int DEFAULT_MAX_PARALLEL_SECTIONS = 3;

  /** Default share of the budget kept for the outline, the assembly and its verification. */
  public static final double DEFAULT_RESERVE = 0.15;

  /** The response-format name of the outline request, for routing fakes in tests. */
  public static final String OUTLINE_RESPONSE_FORMAT = ReportRun.OUTLINE_FORMAT;

  /** The response-format name of the assembly request, for routing fakes in tests. */
  public static final String ASSEMBLY_RESPONSE_FORMAT = ReportRun.ASSEMBLY_FORMAT;

  /** The metadata key of a report task holding its length target. */
  static final String WORDS_KEY = "report_words";

  /** The metadata key of a report task holding its number of sections. */
  static final String SECTIONS_KEY = "report_sections";

  private final ReportSettings settings;

  private LongReport(ReportSettings settings) {
    this.settings = settings;
  }

  /** A builder; {@link Builder#researcher} and {@link Builder#chatModel} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Writes a report on {@code topic}. Blocks; interrupting the thread cancels the report. */
  public ReportResult write(String topic) {
    return write(Task.of(Objects.requireNonNull(topic, "topic is required, but was null")));
  }

  /**
   * Writes a report on {@code task}'s question, following its instructions. Blocks; interrupting
   * the thread cancels the report.
   */
  public ReportResult write(Task task) {
    Objects.requireNonNull(task, "task is required, but was null");
    Task recorded =
        task.toBuilder()
            .metadata(WORDS_KEY, String.valueOf(settings.words()))
            .metadata(SECTIONS_KEY, String.valueOf(settings.sections()))
            .build();
    return ReportResult.from(ReportRun.write(settings, recorded));
  }

  /**
   * Continues the report recorded in {@code trajectoryFile} whose process died: its outline and
   * finished sections are kept (their sources keep their ids), the unfinished sections are
   * researched again with their share of the budget recorded in the file, and the report is
   * assembled. The file stays one valid trajectory: a resume line, then the new steps and the
   * footer. A finished report is returned as it is. Blocks.
   *
   * @throws TrajectoryFormatException if the file is not a valid trajectory
   * @throws TrajectoryLockedException if another process is writing it
   * @throws IllegalArgumentException if it is not a long report's trajectory
   * @throws IOException if the file cannot be read or written
   */
  public ReportResult resume(Path trajectoryFile) throws IOException {
    Objects.requireNonNull(trajectoryFile, "trajectoryFile is required, but was null");
    Resumption.Opened opened = Resumption.open(trajectoryFile);
    if (opened.file() == null) {
      return ReportResult.from(opened.recorded());
    }
    try {
      Trajectory recorded = opened.recorded();
      Task task = recorded.header().task();
      ReportSettings resumed =
          new ReportSettings(
              settings.researcher(),
              settings.model(),
              intOr(task.metadata().get(WORDS_KEY), settings.words()),
              intOr(task.metadata().get(SECTIONS_KEY), settings.sections()),
              settings.parallel(),
              recorded.header().budget(),
              settings.reserve(),
              settings.verification(),
              settings.listener(),
              settings.sinks(),
              settings.executor(),
              settings.clock(),
              settings.secrets(),
              settings.sdkVersion());
      return ReportResult.from(
          ReportRun.resume(
              resumed,
              recorded,
              opened.resumes(),
              Resumption.continuing(opened, settings.sinks(), trajectoryFile)));
    } finally {
      opened.file().close();
    }
  }

  /** How many sections each report has. */
  public int sections() {
    return settings.sections();
  }

  /** The length target of each report, in words. */
  public int words() {
    return settings.words();
  }

  /** The budget of each report, sections and reserve together. */
  public Budget budget() {
    return settings.budget();
  }

  private static int intOr(String value, int otherwise) {
    try {
      return value == null ? otherwise : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  /**
   * Builds a {@link LongReport}. Defaults: {@value #DEFAULT_WORDS} words; one section per thousand
   * words (at least 2, at most 20); {@value #DEFAULT_MAX_PARALLEL_SECTIONS} sections at once; a
   * budget giving each section's research the researcher's own budget; a reserve of {@value
   * #DEFAULT_RESERVE}; {@link VerificationPolicy#ofDefaults()}; no listener, no sink; the default
   * executor (virtual threads on Java 21+); the UTC system clock. Not thread-safe.
   */
  public static final class Builder {
    private ResearchAgent researcher;
    private ChatModel model;
    private int words = DEFAULT_WORDS;
    private int sections;
    private int parallel = DEFAULT_MAX_PARALLEL_SECTIONS;
    private Budget budget;
    private double reserve = DEFAULT_RESERVE;
    private VerificationPolicy verification = VerificationPolicy.ofDefaults();
    private final List<AgentListener> listeners = new ArrayList<>();
    private final List<TrajectorySink> sinks = new ArrayList<>();
    private Executor executor;
    private Clock clock = Clock.systemUTC();
    private final List<String> secrets = new ArrayList<>();

    private Builder() {}

    /** The agent that researches each section, one sub-run per section (required). */
    public Builder researcher(ResearchAgent researcher) {
      this.researcher = Objects.requireNonNull(researcher, "researcher is required, but was null");
      return this;
    }

    /** The model that plans the outline, writes the sections and assembles (required). */
    public Builder chatModel(ChatModel model) {
      this.model = Objects.requireNonNull(model, "chatModel is required, but was null");
      return this;
    }

    /** The length target, in words, at least 500. */
    public Builder words(int words) {
      if (words < 500) {
        throw new IllegalArgumentException("words must be >= 500, but was " + words);
      }
      this.words = words;
      return this;
    }

    /** How many sections, from 1 to 30; default one per thousand words. */
    public Builder sections(int sections) {
      if (sections < 1 || sections > 30) {
        throw new IllegalArgumentException("sections must be in [1, 30], but was " + sections);
      }
      this.sections = sections;
      return this;
    }

    /** Most sections researched at once, at least 1. */
    public Builder maxParallelSections(int parallel) {
      if (parallel < 1) {
        throw new IllegalArgumentException("maxParallelSections must be >= 1, but was " + parallel);
      }
      this.parallel = parallel;
      return this;
    }

    /** The whole report's budget: sections and reserve together. */
    public Builder budget(Budget budget) {
      this.budget = Objects.requireNonNull(budget, "budget is required, but was null");
      return this;
    }

    /** The share of the budget kept for the outline and the assembly, in [0.05, 0.5]. */
    public Builder reserve(double reserve) {
      if (!(reserve >= 0.05 && reserve <= 0.5)) {
        throw new IllegalArgumentException("reserve must be in [0.05, 0.5], but was " + reserve);
      }
      this.reserve = reserve;
      return this;
    }

    /** How the sections' and the summary's claims are checked. */
    public Builder verification(VerificationPolicy verification) {
      this.verification =
          Objects.requireNonNull(verification, "verification is required, but was null");
      return this;
    }

    /** Adds a listener of the report's run and its sections' progress. */
    public Builder listener(AgentListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener is required, but was null"));
      return this;
    }

    /**
     * Adds a sink of the report's own trajectory (the sections' research runs go to the
     * researcher's sinks).
     */
    public Builder trajectorySink(TrajectorySink sink) {
      sinks.add(Objects.requireNonNull(sink, "sink is required, but was null"));
      return this;
    }

    /** Runs the sections and the report's model calls; it must start threads when all are busy. */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor is required, but was null");
      return this;
    }

    /** The clock for timestamps, today's date and the time budget. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /** Adds values to mask in everything the report records (see the agent's {@code secrets}). */
    public Builder secrets(String... values) {
      for (String value : values) {
        secrets.add(Objects.requireNonNull(value, "secret is required, but was null"));
      }
      return this;
    }

    /**
     * Builds the report writer.
     *
     * @throws IllegalStateException if the researcher or the model is missing
     * @throws IllegalArgumentException if the budget is too small for the sections
     */
    public LongReport build() {
      if (researcher == null) {
        throw new IllegalStateException("researcher is required, but was not set");
      }
      if (model == null) {
        throw new IllegalStateException("chatModel is required, but was not set");
      }
      int count = sections > 0 ? sections : Math.max(2, Math.min(20, Math.round(words / 1000f)));
      Budget total =
          budget != null
              ? budget
              : BudgetSplit.forResearch(researcher.budget(), reserve, count, parallel);
      String tooSmall = BudgetSplit.tooSmall(total, reserve, count);
      if (!tooSmall.isEmpty()) {
        throw new IllegalArgumentException(tooSmall);
      }
      String version = LongReport.class.getPackage().getImplementationVersion();
      return new LongReport(
          new ReportSettings(
              researcher,
              model,
              words,
              count,
              parallel,
              total,
              reserve,
              verification,
              new SafeListener(listeners),
              sinks,
              executor != null ? executor : DefaultExecutor.create(),
              clock,
              secrets,
              version == null ? "dev" : version));
    }
  }
}
