package dev.researcher4j.temporal;

import dev.researcher4j.core.human.HumanQuestion;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One research run as a Temporal workflow: the agent's research loop is the workflow code, and each
 * model call and each tool call an activity, so a run survives the death of the worker running it
 * and no call that completed is made again. The workflow id is the run's id. Started and watched
 * through {@link TemporalResearch}; run by the workers of a {@link ResearchWorker}.
 */
@WorkflowInterface
public interface ResearchWorkflow {

  /** The workflow type's name, for tools that start workflows by name. */
  String TYPE = "ResearchWorkflow";

  /** Runs the task to its end and returns how it ended; research failures are not exceptions. */
  @WorkflowMethod(name = TYPE)
  RunResult run(RunInput input);

  /**
   * Cancels the run: calls in flight are cancelled, and the run ends as {@code CANCELLED} with its
   * trajectory written, as a cancelled local run does.
   */
  @SignalMethod
  void cancel();

  /** The person's answer to a question the run asked ({@code ask_user}). */
  @SignalMethod
  void answer(HumanAnswer answer);

  /**
   * A question the run asks the person; sent by {@link TemporalHumanChannel} from the worker that
   * runs the {@code ask_user} call, and listed in {@link #progress()} until answered.
   */
  @SignalMethod
  void ask(HumanQuestion question);

  /** Where the run is: steps, tokens, cost, sources, the draft, open questions. */
  @QueryMethod
  RunProgress progress();

  /** The answer to the question of tool call {@code toolCallId}, or {@code null} while none. */
  @QueryMethod
  HumanAnswer answerTo(String toolCallId);
}
