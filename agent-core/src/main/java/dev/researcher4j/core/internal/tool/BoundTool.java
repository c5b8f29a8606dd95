package dev.researcher4j.core.internal.tool;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.CircuitOpenException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.api.RetryableException;
import dev.researcher4j.api.Sleeper;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.http.Retrier;
import dev.researcher4j.core.tool.ToolPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A tool as one agent runs it: its spec (read once), policy, retrier and circuit breaker. The
 * breaker is shared by every run of the agent, because a failing service fails for all of them.
 * Thread-safe.
 */
public final class BoundTool {

  final Tool tool;
  final ToolSpec spec;
  final ToolPolicy policy;
  final Retrier retrier;
  final CircuitBreaker breaker;

  /** The spec's parameter schema, compiled on first use (a race compiles it twice, harmlessly). */
  private volatile SchemaValidator.Check arguments;

  /** Binds {@code tool} under {@code policy}. */
  public BoundTool(Tool tool, ToolPolicy policy, Sleeper sleeper, Clock clock) {
    this.tool = tool;
    this.spec = tool.spec();
    this.policy = policy;
    this.retrier =
        new Retrier(
            "tool-" + spec.name(),
            policy.retry(),
            sleeper,
            () -> ThreadLocalRandom.current().nextDouble());
    this.breaker =
        policy.circuitBreaker().enabled()
            ? CircuitBreaker.of(
                "tool-" + spec.name(),
                CircuitBreakerConfig.custom()
                    .failureRateThreshold(policy.circuitBreaker().failureRateThreshold())
                    .slidingWindowSize(policy.circuitBreaker().slidingWindowSize())
                    .minimumNumberOfCalls(policy.circuitBreaker().minimumNumberOfCalls())
                    .waitDurationInOpenState(policy.circuitBreaker().waitInOpenState())
                    .currentTimestampFunction(c -> clock.millis(), TimeUnit.MILLISECONDS)
                    .recordException(BoundTool::signalsUnhealthyTool)
                    .build())
            : null;
  }

  /** The problems of a call's parsed arguments against the tool's schema; empty if fine. */
  List<String> argumentProblems(JsonNode parsed) {
    SchemaValidator.Check check = arguments;
    if (check == null) {
      check = SchemaValidator.compile(spec.parameters());
      arguments = check;
    }
    return check.problems(parsed);
  }

  /**
   * Binds each of {@code tools} (by name, in order) under its own policy or {@code defaultPolicy}.
   *
   * @param approvals whether a person can approve calls (tools whose policy requires approval need
   *     one)
   * @throws IllegalStateException if a tool requires approval and no one can give it
   * @throws IllegalArgumentException if a tool's spec changes its name between calls
   */
  public static Map<String, BoundTool> bindAll(
      Map<String, Tool> tools,
      Map<String, ToolPolicy> policies,
      ToolPolicy defaultPolicy,
      boolean approvals,
      Sleeper sleeper,
      Clock clock) {
    Map<String, BoundTool> bound = new LinkedHashMap<>();
    tools.forEach(
        (name, tool) -> {
          ToolPolicy policy = policies.getOrDefault(name, defaultPolicy);
          if (!approvals && policy.requiresApproval()) {
            throw new IllegalStateException(
                "tool "
                    + name
                    + " requires a person's approval of each call, but no humanChannel was"
                    + " set; set one with humanChannel(...)");
          }
          BoundTool b = new BoundTool(tool, policy, sleeper, clock);
          if (!b.spec().name().equals(name)) {
            throw new IllegalArgumentException(
                "tool " + name + " changed its name to " + b.spec().name() + " between calls");
          }
          bound.put(name, b);
        });
    return bound;
  }

  /** The tool's spec. */
  public ToolSpec spec() {
    return spec;
  }

  /** The tool's policy. */
  public ToolPolicy policy() {
    return policy;
  }

  /** Failures that suggest the tool's service is unwell (not the caller's arguments). */
  static boolean signalsUnhealthyTool(Throwable error) {
    return error instanceof TimeoutException
        || error instanceof RetryableException
            && !(error instanceof RateLimitException)
            && !(error instanceof CircuitOpenException);
  }
}
