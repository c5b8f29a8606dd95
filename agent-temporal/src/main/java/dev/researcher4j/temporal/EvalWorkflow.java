package dev.researcher4j.temporal;

import dev.researcher4j.eval.EvalSummary;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An evaluation as a Temporal workflow: dataset × k attempts, each a child {@link ResearchWorkflow}
 * (at most {@link EvalInput#concurrency()} at once, spread over every worker of the task queue),
 * each graded and recorded as {@code Evaluation} records it locally — the same {@code
 * results.jsonl}, trajectories and summary in the output directory. Resumable by construction: the
 * workflow survives its workers, and started again on the same directory it runs only the attempts
 * not yet recorded.
 */
@WorkflowInterface
public interface EvalWorkflow {

  /** The workflow type's name. */
  String TYPE = "EvalWorkflow";

  /** Runs the attempts not yet recorded and returns the summary of everything recorded. */
  @WorkflowMethod(name = TYPE)
  EvalSummary evaluate(EvalInput input);

  /** How far the evaluation is. */
  @QueryMethod
  Progress progress();

  /**
   * How far an evaluation is.
   *
   * @param expected items × k
   * @param recorded attempts recorded (before and during this run)
   * @param running attempts running now
   * @param correct recorded attempts graded correct
   */
  record Progress(int expected, int recorded, int running, int correct) {}
}
