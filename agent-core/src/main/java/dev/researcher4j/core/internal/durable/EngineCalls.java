package dev.researcher4j.core.internal.durable;

import dev.researcher4j.api.Source;
import dev.researcher4j.core.durable.Engine;
import dev.researcher4j.core.durable.ToolCallInput;
import dev.researcher4j.core.durable.ToolCallOutput;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.tool.CallRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a tool batch's admitted calls through an {@link Engine}, one activity each, and merges what
 * they registered into the run's sources in call order (see {@link ProvisionalIds}), so the same
 * outputs always give the same ids.
 */
final class EngineCalls implements CallRunner {

  private final Engine engine;
  private final RunScope run;

  EngineCalls(Engine engine, RunScope run) {
    this.engine = engine;
    this.run = run;
  }

  @Override
  public List<Ran> run(int stepIndex, List<Admitted> calls, Duration timeLeft) {
    List<ToolCallOutput> outputs;
    if (run.isCancelled()) {
      outputs = new ArrayList<>();
      for (Admitted admitted : calls) {
        outputs.add(ToolCallOutput.cancelled(admitted.call(), run.clock().instant()));
      }
    } else {
      List<Source> known = ProvisionalIds.known(run);
      List<ToolCallInput> inputs = new ArrayList<>();
      for (Admitted admitted : calls) {
        inputs.add(
            new ToolCallInput(
                run.runId(), run.task(), stepIndex, admitted.call(), known, timeLeft));
      }
      outputs = engine.callTools(inputs);
      if (outputs.size() != inputs.size()) {
        throw new IllegalStateException(
            "the engine returned " + outputs.size() + " outputs for " + inputs.size() + " calls");
      }
    }
    List<Ran> ran = new ArrayList<>();
    for (int i = 0; i < calls.size(); i++) {
      ToolCallOutput output = outputs.get(i);
      if (!output.execution().call().id().equals(calls.get(i).call().id())) {
        throw new IllegalStateException(
            "the engine answered call "
                + output.execution().call().id()
                + " in the place of "
                + calls.get(i).call().id());
      }
      ran.add(new Ran(ProvisionalIds.merge(output, run), false));
    }
    return ran;
  }
}
