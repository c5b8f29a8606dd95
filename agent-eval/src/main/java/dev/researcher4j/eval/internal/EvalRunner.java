package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Agent;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
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
import java.util.List;
import java.util.Objects;
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
  private final AttemptRecorder recorder;
  private final Object recordLock = new Object();
  private boolean stopping;
  private ResultsFile.Appender appender;
  private Progress progress;

  /** A runner for {@code config}. */
  public EvalRunner(Config config) {
    this.config = Objects.requireNonNull(config, "config");
    this.recorder =
        new AttemptRecorder(
            config.graders(), config.rewardFunction(), config.store(), config.clock());
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
    EvalPlan plan = EvalPlan.prepare(dir, dataset, k, config.clock());
    RunInfo info = plan.info();
    Path resultsPath = plan.resultsFile();
    List<EvalPlan.Pending> pending = plan.pending();
    progress =
        new Progress(
            dataset.size() * k,
            plan.done(),
            plan.correct(),
            plan.graded(),
            plan.graderErrors(),
            plan.costUsd(),
            config.clock().instant());
    notify(() -> config.listener().onStart(progress.snapshot(config.clock().instant())));
    LOG.info(
        "evaluating {}: {} items × {} attempts, {} already recorded, {} to run",
        dataset.name(),
        dataset.size(),
        k,
        plan.done(),
        pending.size());

    boolean interrupted = false;
    if (!pending.isEmpty()) {
      appender = new ResultsFile.Appender(resultsPath);
      ExecutorService pool =
          Executors.newFixedThreadPool(
              Math.min(config.concurrency(), pending.size()), new WorkerThreads());
      List<Future<?>> futures = new ArrayList<>();
      try {
        for (EvalPlan.Pending p : pending) {
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

  private void runAttempt(String runId, EvalItem item, int attempt) {
    synchronized (recordLock) {
      if (stopping) {
        return;
      }
    }
    Task task = EvalPlan.task(runId, config.dataset(), config.instructions(), item, attempt);
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
      trajectory = AttemptRecorder.placeholder(task, StopReason.CANCELLED, error, start, clock);
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      status = AttemptStatus.CRASHED;
      error = "the agent threw " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
      LOG.warn("{} attempt {}: {}", item.id(), attempt, error);
      trajectory = AttemptRecorder.placeholder(task, StopReason.FAILED, error, start, clock);
    }
    AttemptResult result = recorder.record(item, attempt, status, trajectory, error, start);
    record(result);
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
