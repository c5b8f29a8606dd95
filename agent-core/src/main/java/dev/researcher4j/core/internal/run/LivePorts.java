package dev.researcher4j.core.internal.run;

import dev.researcher4j.core.internal.port.ModelGateway;
import dev.researcher4j.core.internal.port.RunScope;
import dev.researcher4j.core.internal.port.ToolExecutor;
import dev.researcher4j.core.internal.tool.ParallelToolExecutor;

/**
 * Makes the ports through which a run's live side effects go: {@link #LOCAL} makes model and tool
 * calls in this process; a durable-execution engine makes each one an activity. A resumed run puts
 * its replaying ports in front of them either way.
 */
public interface LivePorts {

  /** Model calls on the agent's executor; tool calls in parallel on it. */
  LivePorts LOCAL =
      new LivePorts() {
        @Override
        public ModelGateway model(RunSettings settings, RunScope scope) {
          return new LiveModelGateway(settings.model(), scope, settings.executor());
        }

        @Override
        public ToolExecutor tools(RunSettings settings, RunScope scope) {
          return new ParallelToolExecutor(
              scope,
              settings.tools(),
              settings.maxParallelToolCalls(),
              settings.toolFailures(),
              settings.executor(),
              settings.humans() == null ? null : Run.approver(settings.humans(), scope.runId()));
        }
      };

  /** The model gateway of the run of {@code scope}. */
  ModelGateway model(RunSettings settings, RunScope scope);

  /** The tool executor of the run of {@code scope}. */
  ToolExecutor tools(RunSettings settings, RunScope scope);
}
