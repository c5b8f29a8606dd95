package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Agent;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.eval.AnswerType;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.AttemptStatus;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.EvalListener;
import dev.researcher4j.eval.EvalProgress;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.RewardFunction;
import dev.researcher4j.eval.TrajectoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs one evaluation: every missing (item, attempt) pair, graded, saved and recorded. */
public final class EvalRunner {
  private static final Logger LOG = LoggerFactory.getLogger(EvalRunner.class);

  /** The results file's name. */
  public static final String RESULTS = "results.jsonl";

  /** The judgement cache's file name. */
  public static final String JUDGEMENTS = "judgements.jsonl";

  /** Everything a run needs. */
  public record Config(
      Agent agent,
      Dataset dataset,
      int k,
      int concurrency,
      Duration attemptTimeout,
      Path outputDir,
      GraderSelection graders,
      RewardFunction rewardFunction,
      TrajectoryStore store,
      EvalListener listener,
      Clock clock,
      String instructions) {}

  private final Config config;
  private final Object recordLock = new Object();
  private boolean stopping;
  private ResultsFile.Appender appender;
  private Progress progress;

  /** A runner for {@code config}. */
  public EvalRunner(Config config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Runs the attempts not yet in {@code results.jsonl} and writes the reports. If the calling
   * thread is interrupted, attempts in flight are cancelled (and not recorded, so a resume runs
   * them again), the reports are written for what was recorded, and the interrupt flag is set again
   * on return.
   */
  public EvalSummary run() {
    config.graders().validate(config.dataset());
    Path dir = config.outputDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    try (FileChannel lockFile =
        FileChannel.open(
            dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      FileLock lock = tryLock(lockFile, dir);
      try {
        return runLocked(dir);
      } finally {
        lock.release();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
    }
  }

  private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw new IllegalStateException("another evaluation is running in " + dir);
    }
    return lock;
  }

  private EvalSummary runLocked(Path dir) {
    Dataset dataset = config.dataset();
    int k = config.k();
    RunInfo info =
        RunInfo.read(dir)
            .orElseGet(() -> RunInfo.create(dataset.name(), k, config.clock().instant()));
    if (!info.dataset().equals(dataset.name())) {
      LOG.warn(
          "{} holds results of dataset '{}'; evaluating '{}' into it",
          dir,
          info.dataset(),
          dataset.name());
    }
    info.withK(Math.max(k, info.k())).write(dir);

    Path resultsPath = dir.resolve(RESULTS);
    ResultsFile.Repair repair = ResultsFile.repair(resultsPath);
    if (repair == ResultsFile.Repair.PARTIAL_LINE_REMOVED) {
      LOG.warn("{}: removed a half-written last line; its attempt will run again", resultsPath);
    }
    ResultsFile.Contents existing = ResultsFile.read(resultsPath);
    if (!existing.unreadableLines().isEmpty()) {
      LOG.warn(
          "{}: lines {} are unreadable and not counted; their attempts will run again",
          resultsPath,
          existing.unreadableLines());
    }

    Set<String> done = new HashSet<>();
    int correct = 0;
    int graded = 0;
    int errors = 0;
    double cost = 0;
    for (AttemptResult r : existing.results()) {
      if (r.attempt() <= k
          && dataset.item(r.itemId()).isPresent()
          && done.add(key(r.itemId(), r.attempt()))) {
        correct += r.correct() ? 1 : 0;
        graded += r.label() == Grade.Label.GRADER_ERROR ? 0 : 1;
        errors += r.label() == Grade.Label.GRADER_ERROR ? 1 : 0;
        cost += r.costUsd();
      }
    }
    List<Pending> pending = new ArrayList<>();
    for (EvalItem item : dataset.items()) {
      for (int attempt = 1; attempt <= k; attempt++) {
        if (!done.contains(key(item.id(), attempt))) {
          pending.add(new Pending(item, attempt));
        }
      }
    }
    progress =
        new Progress(
            dataset.size() * k,
            done.size(),
            correct,
            graded,
            errors,
            cost,
            config.clock().instant());
    notify(() -> config.listener().onStart(progress.snapshot(config.clock().instant())));
    LOG.info(
        "evaluating {}: {} items × {} attempts, {} already recorded, {} to run",
        dataset.name(),
        dataset.size(),
        k,
        done.size(),
        pending.size());

    boolean interrupted = false;
    if (!pending.isEmpty()) {
      appender = new ResultsFile.Appender(resultsPath);
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.min(config.concurrency(), pending.size()), new WorkerThreads());
      List<Future<?>> futures = new ArrayList<>();
      try {
        for (Pending p : pending) {
          futures.add(pool.submit(() -> runAttempt(info.runId(), p.item(), p.attempt())));
        }
        for (Future<?> future : futures) {
          try {
            future.get();
          } catch (ExecutionException e) {
            // runAttempt records its own failures; anything here is a bug worth seeing.
            LOG.error("attempt worker failed", e.getCause());
          }
        }
      } catch (InterruptedException e) {
        interrupted = true;
        LOG.warn("evaluation interrupted; attempts in flight are cancelled and will run on resume");
      } finally {
        synchronized (recordLock) {
          stopping = true;
        }
        futures.forEach(f -> f.cancel(true));
        pool.shutdownNow();
        try {
          if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("some attempt workers did not stop within 10 s");
          }
        } catch (InterruptedException e) {
          interrupted = true;
        }
        try {
          appender.close();
        } catch (IOException e) {
          LOG.warn("cannot close {}: {}", resultsPath, e.toString());
        }
      }
    }

    EvalSummary summary =
        Metrics.summarize(info.runId(), dataset, k, ResultsFile.read(resultsPath).results());
    Reports.write(dir, summary);
    notify(() -> config.listener().onFinish(summary));
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return summary;
  }

  private record Pending(EvalItem item, int attempt) {}

  private static String key(String itemId, int attempt) {
    return itemId + "\u0000" + attempt;
  }

  private void runAttempt(String runId, EvalItem item, int attempt) {
    synchronized (recordLock) {
      if (stopping) {
        return;
      }
    }
    Task task = task(runId, item, attempt);
    Clock clock = config.clock();
    Instant start = clock.instant();
    AttemptStatus status;
    Trajectory trajectory;
    String error = "";
    CompletableFuture<Trajectory> future = null;
    try {
      future = config.agent().runAsync(task);
      trajectory =
          Objects.requireNonNull(future, "the agent returned no future")
              .get(config.attemptTimeout().toNanos(), TimeUnit.NANOSECONDS);
      if (trajectory == null) {
        throw new ExecutionException(new NullPointerException("the agent returned no trajectory"));
      }
      status = AttemptStatus.FINISHED;
    } catch (InterruptedException e) {
      // The evaluation is stopping: leave the attempt unrecorded so that a resume runs it.
      if (future != null) {
        future.cancel(true);
      }
      Thread.currentThread().interrupt();
      return;
    } catch (TimeoutException e) {
      future.cancel(true);
      status = AttemptStatus.TIMED_OUT;
      error = "timed out after " + config.attemptTimeout() + " and was cancelled";
      trajectory = placeholder(task, StopReason.CANCELLED, error, start);
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      status = AttemptStatus.CRASHED;
      error = "the agent threw " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
      LOG.warn("{} attempt {}: {}", item.id(), attempt, error);
      trajectory = placeholder(task, StopReason.FAILED, error, start);
    }
    Outcome outcome = trajectory.outcome();
    String response = "";
    if (outcome == null) {
      error = "the agent returned an unfinished trajectory";
    } else {
      response = outcome.answer().isBlank() ? outcome.report() : outcome.answer();
      if (status == AttemptStatus.FINISHED && !outcome.error().isEmpty()) {
        error = outcome.error();
      }
    }
    Grade grade = grade(item, response);
    Optional<Reward> reward;
    try {
      reward = config.rewardFunction().reward(trajectory, grade);
    } catch (RuntimeException e) {
      LOG.warn("{} attempt {}: reward failed: {}", item.id(), attempt, e.toString());
      reward = Optional.empty();
    }
    List<Grade> grades = new ArrayList<>(trajectory.grades());
    grades.add(grade);
    Trajectory gradedTrajectory = trajectory.withGrades(grades, reward.orElse(null));
    String location = "";
    try {
      location = config.store().save(gradedTrajectory);
    } catch (RuntimeException e) {
      String why = "trajectory not saved: " + e.getMessage();
      LOG.warn("{} attempt {}: {}", item.id(), attempt, why);
      error = error.isEmpty() ? why : error + "; " + why;
    }
    Instant end = clock.instant();
    Duration elapsed =
        status == AttemptStatus.FINISHED
            ? trajectory.totals().elapsed()
            : Duration.between(start, end);
    Usage usage = trajectory.totals().usage();
    AttemptResult result =
        new AttemptResult(
            item.id(),
            attempt,
            status,
            response,
            grade,
            trajectory.totals().steps(),
            trajectory.totals().toolCalls(),
            usage.inputTokens(),
            usage.outputTokens(),
            usage.costUsd(),
            elapsed,
            outcome == null ? "" : outcome.stopReason().name(),
            location,
            error,
            reward.map(Reward::value).orElse(Double.NaN),
            end);
    record(result);
  }

  private Grade grade(EvalItem item, String response) {
    String graderId = "unknown";
    try {
      var grader = config.graders().forItem(item);
      graderId = grader.id();
      Grade grade = grader.grade(item, response);
      if (grade == null) {
        return Grades.error(graderId, "", "the grader returned no grade");
      }
      return grade;
    } catch (RuntimeException e) {
      LOG.warn("grader {} threw on {}: {}", graderId, item.id(), e.toString());
      return Grades.error(
          graderId, "", "the grader threw " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private void record(AttemptResult result) {
    synchronized (recordLock) {
      if (stopping) {
        return;
      }
      appender.append(result);
      progress.add(result);
      EvalProgress snapshot = progress.snapshot(config.clock().instant());
      notify(() -> config.listener().onAttempt(result, snapshot));
    }
  }

  private Task task(String runId, EvalItem item, int attempt) {
    Task.Builder builder =
        Task.builder(item.question())
            .id(item.id())
            .groupId(item.id())
            .attempt(attempt)
            .instructions(config.instructions())
            .outputFormat(outputFormat(item.answerType()))
            .metadata("dataset", config.dataset().name())
            .metadata("eval_run", runId);
    return builder.build();
  }

  /** What the agent is told about the answer's shape, from the item's answer type. */
  static String outputFormat(AnswerType type) {
    return switch (type) {
      case EXACT -> "a short, exact answer (a name, number, date or short phrase)";
      case NUMERIC -> "a number, with its unit if it has one";
      case MULTIPLE_CHOICE -> "the letter of the correct option (e.g. C)";
      case FREE_TEXT, UNSPECIFIED -> "";
    };
  }

  /** A trajectory for an attempt whose agent left none (timed out or threw). */
  private Trajectory placeholder(Task task, StopReason reason, String error, Instant start) {
    TrajectoryHeader header =
        new TrajectoryHeader(
            TrajectoryHeader.SCHEMA_V1,
            "eval-attempt-" + UUID.randomUUID(),
            "",
            task,
            ModelInfo.of("", ""),
            List.of(),
            Budget.defaults(),
            "",
            start);
    Outcome outcome = new Outcome("", "", List.of(), List.of(), reason, error);
    RunTotals totals =
        new RunTotals(Usage.ZERO, 0, 0, 0, 0, 0, Duration.between(start, config.clock().instant()));
    return new Trajectory(header, List.of(), outcome, totals, List.of(), null);
  }

  private static void notify(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("evaluation listener threw; ignored", e);
    }
  }

  /** Counts for progress events; guarded by {@code recordLock}. */
  private static final class Progress {
    private final int total;
    private final int resumed;
    private final Instant started;
    private int done;
    private int correct;
    private int graded;
    private int graderErrors;
    private double cost;

    Progress(
        int total, int resumed, int correct, int graded, int errors, double cost, Instant started) {
      this.total = total;
      this.resumed = resumed;
      this.done = resumed;
      this.correct = correct;
      this.graded = graded;
      this.graderErrors = errors;
      this.cost = cost;
      this.started = started;
    }

    void add(AttemptResult r) {
      done++;
      correct += r.correct() ? 1 : 0;
      if (r.label() == Grade.Label.GRADER_ERROR) {
        graderErrors++;
      } else {
        graded++;
      }
      cost += r.costUsd();
    }

    EvalProgress snapshot(Instant now) {
      Duration elapsed = Duration.between(started, now);
      int thisRun = done - resumed;
      Duration eta = null;
      if (thisRun > 0) {
        eta = elapsed.multipliedBy(total - done).dividedBy(thisRun);
      }
      return new EvalProgress(
          done, total, resumed, correct, graded, graderErrors, cost, elapsed, eta);
    }
  }

  private static final class WorkerThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread thread = new Thread(r, "researcher4j-eval-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }
}
