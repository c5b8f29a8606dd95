package dev.researcher4j.examples.cli;

import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher resume}: continues a run whose process died, from its trajectory file. */
@Command(
    name = "resume",
    mixinStandardHelpOptions = true,
    description = {
      "Continues a run whose process died, from its trajectory file: recorded steps are not re-run.",
      "Configure the model and flags as for the original run; the budget is the one recorded."
    })
final class ResumeCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(
      index = "0",
      paramLabel = "<run.jsonl>",
      description = "The trajectory file; it is continued in place.")
  Path file;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the report here (default: standard output).")
  Path out;

  @Mixin AgentOptions options;

  ResumeCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Path path = context.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such trajectory file: " + path);
    }
    Trajectory recorded = TrajectoryReader.read(path);
    if (recorded.isFinished()) {
      context
          .err()
          .println(
              "the run already finished ("
                  + recorded.requireOutcome().stopReason()
                  + "); nothing to resume");
      return print(recorded);
    }
    // Planning shows in the record once it happened; retracing the record needs the same choice.
    boolean planned = recorded.steps().stream().anyMatch(s -> s.kind() == StepKind.PLAN);
    if (!recorded.steps().isEmpty() && !planned) {
      options.noPlan = true;
    }
    context
        .err()
        .println(
            "resuming run "
                + recorded.runId()
                + " after "
                + recorded.steps().size()
                + " recorded step(s)");
    ResearchAgent agent =
        options.agent(context).listener(options.progress(context).continuing(recorded)).build();
    OutputPaths.checkWritable("--out", out == null ? null : context.resolve(out));
    return print(agent.resume(path));
  }

  private int print(Trajectory run) throws Exception {
    return Outcomes.report(context, run, context.resolve(file), out, null);
  }
}
