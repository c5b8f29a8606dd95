package dev.researcher4j.core.trajectory.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a trajectory into one row of the {@value #FORMAT} rollout format, for GRPO/PPO-style
 * trainers: the prompt, the whole multi-turn completion with a loss mask, token ids and logprobs
 * when the server returned them, the reward and its parts, and the ids that group rollouts.
 *
 * <p>Field names follow the trainers they feed: {@code prompt}, {@code data_source}, {@code
 * num_turns} and {@code reward_score}-like {@code reward} as in verl; {@code loss_mask} as SkyRL's
 * {@code loss_masks}; {@code termination_reason} and {@code is_correct} as in rLLM; {@code
 * prompt_ids}, {@code response_ids} and {@code response_logprobs} per turn as verl and rLLM store
 * them. One row:
 *
 * <pre>{@code
 * {
 *   "format": "researcher4j.rollout/v1",
 *   "id": "<task_id>:<attempt>",            // rLLM's episode id
 *   "run_id", "task_id", "group_id",        // the group is what GRPO compares
 *   "attempt": 2,                           // from 1
 *   "data_source": "<task metadata 'dataset'>",
 *   "question": "...",
 *   "prompt": [{"role": "system", "content": ...}, {"role": "user", "content": ...}],
 *   "completion": [                         // every message after the prompt, in order
 *     {"role": "assistant", "content": ..., "reasoning_content": ..., "tool_calls": [
 *        {"id", "type": "function", "function": {"name", "arguments": "<JSON string>"}}],
 *      "trainable": true, "turn": 0},
 *     {"role": "tool", "tool_call_id": ..., "content": ..., "trainable": false},
 *     {"role": "user", "content": "<feedback from the loop>", "trainable": false}, ...],
 *   "loss_mask": [1, 0, 0, 1, ...],         // per completion message: 1 = model-written
 *   "tools": [{"type": "function", "function": {"name", "description", "parameters"}}],
 *   "turns": [{"turn": 0, "step": 1, "finish_reason": "TOOL_CALLS", "history_rewritten": false,
 *              "prompt_ids": [...], "response_ids": [...], "response_logprobs": [...],
 *              "response_tokens": [...], "reward": 0.81,
 *              "usage": {"input_tokens", "output_tokens", "cost_usd"}}],
 *   "num_turns": 6,
 *   "reward": 1.0,                          // the scalar; null when the run is not graded
 *   "reward_components": {"correctness": 1.0, "format": 0.0, "efficiency": 0.0},
 *   "reward_source": "exact-match/1",
 *   "step_rewards": [0.59, 0.66, ...],      // per turn: r·γ^(T−i) for a correct run, else r
 *   "gamma": 0.9,
 *   "is_correct": true,                     // last grade; null when ungraded or a grader error
 *   "grades": [{"grader", "label", "score"}],
 *   "termination_reason": "completed",      // the stop reason in lower case
 *   "answer": "...",
 *   "metrics": {"steps", "model_calls", "tool_calls", "failed_tool_calls",
 *               "invalid_tool_calls", "sources", "input_tokens", "output_tokens",
 *               "cost_usd", "elapsed_seconds"}
 * }
 * }</pre>
 *
 * <p>Only the act loop's model calls ({@code MODEL} steps) are turns; planning and verification
 * calls are separate conversations. The completion is rebuilt as the model saw it: each turn's
 * reply as it went back into the conversation, then what the loop added before the next turn (tool
 * results as the model was shown them, feedback). When context management rewrote the history, the
 * turn after says {@code history_rewritten: true}: its prompt is not the plain extension of the
 * earlier turns, which token-level trainers must know.
 *
 * <p>Rewards: by default the trajectory's own reward (written by the evaluation); with a {@link
 * RolloutReward} (such as agent-eval's {@code RewardFunction}), recomputed from the run's last
 * grade, which is also where {@code γ} comes from. Turn i of a correct T-turn run gets {@code
 * r·γ^(T−i)}, so shorter correct runs credit their early turns more; the function's format penalty
 * lowers {@code r} for invalid tool calls and budget overruns. Stateless and thread-safe.
 */
public final class RlRollouts {
  private RlRollouts() {}

  /** The value of each row's {@code format} field. */
  public static final String FORMAT = "researcher4j.rollout/v1";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The rollout row of {@code trajectory}; empty when it has no act-loop model call.
   *
   * @param rewardFunction recomputes the reward from the last grade, or {@code null} to use the
   *     trajectory's own reward (step rewards then use {@link RolloutReward#NO_DECAY})
   */
  public static Optional<ObjectNode> of(Trajectory trajectory, RolloutReward rewardFunction) {
    Objects.requireNonNull(trajectory, "trajectory is required, but was null");
    List<Step> turnSteps = new ArrayList<>();
    for (Step step : trajectory.steps()) {
      if (step.kind() == StepKind.MODEL && step.modelCall() != null) {
        turnSteps.add(step);
      }
    }
    if (turnSteps.isEmpty()) {
      return Optional.empty();
    }
    Task task = trajectory.header().task();
    ObjectNode row = NODES.objectNode();
    row.put("format", FORMAT);
    row.put("id", task.id() + ":" + task.attempt());
    row.put("run_id", trajectory.runId());
    row.put("task_id", task.id());
    row.put("group_id", task.groupId());
    row.put("attempt", task.attempt());
    row.put("data_source", task.metadata().getOrDefault("dataset", ""));
    row.put("question", task.question());

    List<Message> first = turnSteps.get(0).modelCall().request().messages();
    int promptSize = 0;
    while (promptSize < first.size() && first.get(promptSize).role() != Role.ASSISTANT) {
      promptSize++;
    }
    ArrayNode prompt = row.putArray("prompt");
    first.subList(0, promptSize).forEach(m -> prompt.add(message(m)));

    ArrayNode completion = row.putArray("completion");
    ArrayNode mask = row.putArray("loss_mask");
    ArrayNode turns = row.putArray("turns");
    Reward reward = reward(trajectory, rewardFunction);
    Boolean correct = correct(trajectory);
    double gamma = rewardFunction == null ? RolloutReward.NO_DECAY : rewardFunction.gamma();
    List<Double> stepRewards = new ArrayList<>();
    int t = turnSteps.size();
    for (int i = 0; i < t; i++) {
      Step step = turnSteps.get(i);
      ModelCall call = step.modelCall();
      ChatResponse response = call.response();
      List<Message> next =
          i + 1 < t ? turnSteps.get(i + 1).modelCall().request().messages() : List.of();
      int at = i + 1 < t ? find(next, response.message()) : -1;
      Message reply = at >= 0 ? next.get(at) : response.message();
      ObjectNode replyNode = message(reply);
      if (!response.message().reasoning().isEmpty()) {
        replyNode.put("reasoning_content", response.message().reasoning());
      }
      replyNode.put("trainable", true);
      replyNode.put("turn", i);
      completion.add(replyNode);
      mask.add(1);
      if (i + 1 < t) {
        // What the loop added before the next turn: after the reply, or, when a rewritten history
        // lost it, after the last assistant message.
        int last = lastAssistant(next);
        int from = at >= 0 ? at + 1 : last >= 0 ? last + 1 : next.size();
        for (Message added : next.subList(from, next.size())) {
          completion.add(message(added).put("trainable", false));
          mask.add(0);
        }
      }
      Double turnReward = null;
      if (reward != null) {
        turnReward =
            Boolean.TRUE.equals(correct)
                ? reward.value() * Math.pow(gamma, t - 1 - i)
                : reward.value();
        stepRewards.add(turnReward);
      }
      turns.add(turn(i, step, call, turnReward));
    }

    ArrayNode tools = row.putArray("tools");
    List<ToolSpec> specs = turnSteps.get(0).modelCall().request().tools();
    (specs.isEmpty() ? trajectory.header().tools() : specs)
        .forEach(spec -> tools.add(FineTuningRows.tool(spec)));
    row.put("num_turns", t);
    if (reward == null) {
      row.putNull("reward");
    } else {
      row.put("reward", reward.value());
      ObjectNode components = row.putObject("reward_components");
      reward.components().forEach(components::put);
      row.put("reward_source", reward.source());
      ArrayNode perTurn = row.putArray("step_rewards");
      stepRewards.forEach(perTurn::add);
      row.put("gamma", gamma);
    }
    if (correct == null) {
      row.putNull("is_correct");
    } else {
      row.put("is_correct", correct);
    }
    ArrayNode grades = row.putArray("grades");
    for (Grade grade : trajectory.grades()) {
      grades
          .addObject()
          .put("grader", grade.grader())
          .put("label", grade.label().name())
          .put("score", grade.score());
    }
    Outcome outcome = trajectory.outcome();
    row.put(
        "termination_reason",
        outcome == null ? "unfinished" : outcome.stopReason().name().toLowerCase(Locale.ROOT));
    row.put("answer", outcome == null ? "" : outcome.answer());
    row.set("metrics", metrics(trajectory));
    return Optional.of(row);
  }

  private static ObjectNode turn(int i, Step step, ModelCall call, Double reward) {
    ChatResponse response = call.response();
    ObjectNode turn = NODES.objectNode();
    turn.put("turn", i);
    turn.put("step", step.index());
    turn.put("finish_reason", response.finishReason().name());
    turn.put("history_rewritten", call.historyRewritten());
    TokenTrace tokens = response.tokens();
    if (!tokens.promptTokenIds().isEmpty()) {
      ArrayNode ids = turn.putArray("prompt_ids");
      tokens.promptTokenIds().forEach(ids::add);
    }
    if (!tokens.completionTokenIds().isEmpty()) {
      ArrayNode ids = turn.putArray("response_ids");
      tokens.completionTokenIds().forEach(ids::add);
    }
    if (!tokens.logprobs().isEmpty()) {
      ArrayNode logprobs = turn.putArray("response_logprobs");
      tokens.logprobs().forEach(logprobs::add);
    }
    if (!tokens.completionTokens().isEmpty()) {
      ArrayNode text = turn.putArray("response_tokens");
      tokens.completionTokens().forEach(text::add);
    }
    if (reward != null) {
      turn.put("reward", reward);
    }
    Usage usage = response.usage();
    turn.putObject("usage")
        .put("input_tokens", usage.inputTokens())
        .put("output_tokens", usage.outputTokens())
        .put("cost_usd", usage.costUsd());
    return turn;
  }

  private static ObjectNode metrics(Trajectory trajectory) {
    int invalid = 0;
    for (Step step : trajectory.steps()) {
      for (ToolExecution execution : step.toolExecutions()) {
        if (execution.status() == ToolExecution.Status.INVALID_ARGUMENTS
            || execution.status() == ToolExecution.Status.UNKNOWN_TOOL) {
          invalid++;
        }
      }
    }
    ObjectNode metrics = NODES.objectNode();
    metrics.put("steps", trajectory.totals().steps());
    metrics.put("model_calls", trajectory.totals().modelCalls());
    metrics.put("tool_calls", trajectory.totals().toolCalls());
    metrics.put("failed_tool_calls", trajectory.totals().failedToolCalls());
    metrics.put("invalid_tool_calls", invalid);
    metrics.put("sources", trajectory.totals().sources());
    metrics.put("input_tokens", trajectory.totals().usage().inputTokens());
    metrics.put("output_tokens", trajectory.totals().usage().outputTokens());
    metrics.put("cost_usd", trajectory.totals().usage().costUsd());
    metrics.put("elapsed_seconds", trajectory.totals().elapsed().toMillis() / 1000.0);
    return metrics;
  }

  private static Reward reward(Trajectory trajectory, RolloutReward function) {
    if (function != null) {
      Optional<Reward> computed = function.reward(trajectory);
      if (computed.isPresent()) {
        return computed.get();
      }
    }
    return trajectory.reward();
  }

  private static Boolean correct(Trajectory trajectory) {
    List<Grade> grades = trajectory.grades();
    if (grades.isEmpty()) {
      return null;
    }
    Grade last = grades.get(grades.size() - 1);
    return last.label() == Grade.Label.GRADER_ERROR ? null : last.isCorrect();
  }

  /** A message in the OpenAI chat shape, without a weight. */
  private static ObjectNode message(Message message) {
    ObjectNode node = FineTuningRows.message(message, 0);
    node.remove("weight");
    return node;
  }

  /**
   * Where {@code reply} went back into {@code messages} (tool call ids may have been filled in).
   */
  private static int find(List<Message> messages, Message reply) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      Message m = messages.get(i);
      if (m.role() == Role.ASSISTANT
          && m.content().equals(reply.content())
          && sameCalls(m.toolCalls(), reply.toolCalls())) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameCalls(List<ToolCall> a, List<ToolCall> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).name().equals(b.get(i).name())
          || !a.get(i).arguments().equals(b.get(i).arguments())) {
        return false;
      }
    }
    return true;
  }

  private static int lastAssistant(List<Message> messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).role() == Role.ASSISTANT) {
        return i;
      }
    }
    return -1;
  }
}
