package dev.researcher4j.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is known when a run starts: the task, the model, the tools and the budget.
 *
 * @param schema the trajectory schema version, {@value #SCHEMA_V1}
 * @param runId the run's id (unique per run; also the trajectory's id)
 * @param parentRunId the run that started this one as a sub-researcher, or empty
 * @param task the task
 * @param model the model and its parameters
 * @param tools the tool specs shown to the model
 * @param budget the budget
 * @param sdkVersion the researcher4j version that recorded it
 * @param startedAt when the run started
 */
public record TrajectoryHeader(
    String schema,
    String runId,
    String parentRunId,
    Task task,
    ModelInfo model,
    List<ToolSpec> tools,
    Budget budget,
    String sdkVersion,
    Instant startedAt) {

  /** The current trajectory schema. */
  public static final String SCHEMA_V1 = "researcher4j.trajectory/v1";

  /** Checks the fields. */
  public TrajectoryHeader {
    schema = Checks.required(schema, "schema");
    runId = Checks.required(runId, "runId");
    parentRunId = Checks.text(parentRunId);
    Objects.requireNonNull(task, "task is required, but was null");
    Objects.requireNonNull(model, "model is required, but was null");
    tools = Checks.list(tools);
    Objects.requireNonNull(budget, "budget is required, but was null");
    sdkVersion = Checks.text(sdkVersion);
    Objects.requireNonNull(startedAt, "startedAt is required, but was null");
  }
}
