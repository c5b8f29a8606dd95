package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.context.TokenEstimator;
import java.time.Duration;
import java.util.Objects;

/**
 * What one model call spent, as the budget counts it.
 *
 * @param usage what the provider reported (zero when it reported nothing or the call failed)
 * @param promptEstimate the estimated prompt tokens, counted when the provider reported no usage
 * @param outputEstimate the estimated completion tokens, likewise
 * @param took how long the call took
 */
public record ModelUse(Usage usage, long promptEstimate, long outputEstimate, Duration took) {

  /** Checks the fields. */
  public ModelUse {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(took, "took");
  }

  /** The estimated completion tokens of {@code response}: its text, reasoning and tool calls. */
  public static long outputTokens(TokenEstimator estimator, ChatResponse response) {
    Message message = response.message();
    long tokens = estimator.estimate(message.content()) + estimator.estimate(message.reasoning());
    for (ToolCall call : message.toolCalls()) {
      tokens += estimator.estimate(call.name()) + estimator.estimate(call.arguments());
    }
    return tokens;
  }

  /** A call that failed after {@code took}: it counts as a step and spends its time, no tokens. */
  public static ModelUse failed(Duration took) {
    return new ModelUse(Usage.ZERO, 0, 0, took);
  }
}
