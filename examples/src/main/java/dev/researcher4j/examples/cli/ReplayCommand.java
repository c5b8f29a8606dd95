package dev.researcher4j.examples.cli;

import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.replay.ReplayChatModel;
import dev.researcher4j.core.trajectory.replay.ReplayDivergenceException;
import dev.researcher4j.core.trajectory.replay.ReplayTools;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code researcher replay}: re-executes a recorded run with the recorded model turns and tool
 * results, and reports whether this build of the agent retraces it.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-runs a recorded trajectory offline: model turns and tool results come from the file.",
      "Reports where this build's agent departs from the record (a regression check)."
    })
final class ReplayCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "<run.jsonl>", description = "The recorded trajectory.")
  Path file;

  ReplayCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    Path path = context.resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("no such trajectory file: " + path);
    }
    Trajectory recorded = TrajectoryReader.read(path);
    ReplayChatModel model = ReplayChatModel.of(recorded);
    ReplayTools tools = ReplayTools.of(recorded);
    boolean planned = recorded.steps().stream().anyMatch(s -> s.kind() == StepKind.PLAN);
    boolean verified = recorded.steps().stream().anyMatch(s -> s.kind() == StepKind.VERIFY);
    ResearchAgent agent =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(tools.tools())
            .budget(recorded.header().budget())
            .planning(planned)
            .verification(
                verified ? VerificationPolicy.ofDefaults() : VerificationPolicy.disabled())
            // The prompts carry the date: replay on the day the run was recorded.
            .clock(Clock.fixed(recorded.header().startedAt(), ZoneOffset.UTC))
            .build();

    Trajectory again = agent.run(recorded.header().task());

    Optional<ReplayDivergenceException> divergence = model.divergence().or(tools::divergence);
    if (divergence.isPresent()) {
      context.out().println("diverged: " + divergence.get().getMessage());
      return ExitCodes.FAILED;
    }
    context
        .out()
        .printf(
            "replayed %d step(s) of run %s: the agent retraced the record (%d tool call(s) replayed); outcome %s%n",
            again.steps().size(),
            recorded.runId(),
            tools.replayedCalls(),
            again.requireOutcome().stopReason());
    return ExitCodes.OK;
  }
}
