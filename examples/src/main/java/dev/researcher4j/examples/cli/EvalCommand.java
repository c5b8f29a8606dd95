package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Agent;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.eval.AttemptResult;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.DatasetProblem;
import dev.researcher4j.eval.EvalListener;
import dev.researcher4j.eval.EvalProgress;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.Evaluation;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher eval}: a dataset × k attempts, graded, with pass@k. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a dataset of questions k times each, grades every attempt and reports pass@k.",
      "Running again into the same --out directory resumes: finished attempts are not re-run."
    })
final class EvalCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "<dataset.jsonl>",
      description =
          "Questions and reference answers (HLE, SimpleQA, FRAMES, GAIA, BrowseComp or generic fields).")
  Path dataset;

  @Option(
      names = "--k",
      paramLabel = "N",
      description = "Attempts per question (default: ${DEFAULT-VALUE}).")
  int k = Evaluation.DEFAULT_ATTEMPTS;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description = "Attempts at once (default: ${DEFAULT-VALUE}).")
  int concurrency = Evaluation.DEFAULT_CONCURRENCY;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      required = true,
      description = "Where results, trajectories and summaries go.")
  Path out;

  @Option(
      names = "--judge-model",
      paramLabel = "NAME",
      description = "Model that grades free-text answers (same endpoint as the agent's model).")
  String judgeModel;

  @Option(
      names = "--attempt-timeout",
      paramLabel = "DURATION",
      converter = AgentOptions.DurationConverter.class,
      description = "Cancel an attempt after this long (default: 45m).")
  Duration attemptTimeout = Evaluation.DEFAULT_ATTEMPT_TIMEOUT;

  @Mixin AgentOptions options;

  @Mixin TemporalOptions temporal;

  EvalCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Path file = context.resolve(dataset);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such dataset file: " + file);
    }
    Dataset items = Dataset.load(file);
    for (DatasetProblem problem : items.problems()) {
      context.err().println("dataset line " + problem.line() + ": " + problem.message());
    }
    items
        .skippedByReason()
        .forEach((reason, n) -> context.err().println("skipped " + n + " item(s): " + reason));
    if (items.size() == 0) {
      throw new IllegalArgumentException("the dataset " + file + " has no usable item");
    }
    if (temporal.enabled()) {
      return TemporalRuns.evaluate(
          context,
          temporal,
          new dev.researcher4j.temporal.EvalInput(
              "",
              file.toAbsolutePath().toString(),
              k,
              concurrency,
              context.resolve(out).toAbsolutePath().toString(),
              "",
              attemptTimeout,
              options.budget()));
    }
    Agent agent = options.agent(context).build();
    Evaluation.Builder evaluation =
        Evaluation.builder()
            .agent(agent)
            .dataset(items)
            .attempts(k)
            .concurrency(concurrency)
            .attemptTimeout(attemptTimeout)
            .outputDir(context.resolve(out))
            .clock(context.clock())
            .listener(new ProgressBar(context.err(), context.terminal(), options.price != null));
    if (judgeModel != null) {
      evaluation.judge(judge(judgeModel));
    }
    EvalSummary summary = evaluation.build().run();
    context.out().println(Evaluation.markdown(summary));
    context.err().println("results: " + context.resolve(out));
    return ExitCodes.OK;
  }

  private ChatModel judge(String model) {
    Map<String, String> env = new HashMap<>(context.env());
    env.put(OpenAiChatModel.ENV_MODEL, model);
    return OpenAiChatModel.fromEnv(env);
  }

  /**
   * Progress on standard error: on a terminal a bar redrawn in place (attempts done of all, pass
   * rate so far, cost, time left), with library log lines printed above it; otherwise one line per
   * attempt with the same figures. Thread-safe.
   */
  static final class ProgressBar implements EvalListener {
    private static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean priced;
    private String bar = "";

    ProgressBar(PrintStream err, boolean terminal, boolean priced) {
      this.err = err;
      this.terminal = terminal;
      this.priced = priced;
    }

    @Override
    public synchronized void onStart(EvalProgress progress) {
      if (progress.resumed() > 0) {
        err.println("resuming: " + progress.resumed() + " attempt(s) already recorded");
      }
      if (terminal) {
        CliLogging.sendTo(this::line);
        draw(progress);
      }
    }

    @Override
    public synchronized void onAttempt(AttemptResult result, EvalProgress progress) {
      if (terminal) {
        draw(progress);
        if (progress.done() >= progress.total()) {
          err.println();
          bar = "";
          CliLogging.sendTo(err::println);
        }
      } else {
        err.println(
            result.itemId()
                + " #"
                + result.attempt()
                + " "
                + (result.grade() == null ? result.status() : result.grade().label())
                + " · "
                + figures(progress));
      }
    }

    /** A line printed above the bar, which is redrawn under it. */
    synchronized void line(String text) {
      err.print(bar.isEmpty() ? "" : ProgressPrinter.CLEAR_LINE);
      err.println(text);
      err.print(bar);
      err.flush();
    }

    private void draw(EvalProgress progress) {
      int filled = (int) Math.round(progress.fraction() * WIDTH);
      bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + figures(progress);
      err.print(ProgressPrinter.CLEAR_LINE + bar);
      err.flush();
    }

    /** "37/80 (46%) · pass 41.2% · $1.23 · ETA 4m12s". */
    String figures(EvalProgress progress) {
      String pass =
          progress.graded() == 0
              ? "pass -"
              : String.format(Locale.ROOT, "pass %.1f%%", 100 * progress.passRate());
      String cost =
          priced ? String.format(Locale.ROOT, "$%.2f", progress.costUsd()) : "cost unknown";
      String eta =
          progress.done() >= progress.total()
              ? "done in " + ProgressPrinter.human(progress.elapsed())
              : "ETA " + progress.etaIfKnown().map(ProgressPrinter::human).orElse("?");
      return String.format(
          Locale.ROOT,
          "%d/%d (%.0f%%) · %s · %s · %s",
          progress.done(),
          progress.total(),
          100 * progress.fraction(),
          pass,
          cost,
          eta);
    }
  }
}
