package dev.researcher4j.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.NonRetryableException;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.TokenTrace;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.context.ContextPolicy;
import dev.researcher4j.core.tool.ToolPolicy;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A recorded research run for the trajectory tests: planning, parallel tool calls, a cached call, a
 * tool that throws, a truncated result, a source registered through the context, a verification
 * round that sends the draft back, usage, token traces and reasoning. The model answers as a pure
 * function of the request, so a fresh model continues any prefix of the run as the original did.
 */
public final class ResearchScenario {

  /** The task every scenario run answers. */
  public static final Task TASK =
      Task.builder("What are alpha and gamma?")
          .id("item-1")
          .attempt(2)
          .groupId("group-1")
          .metadata("dataset", "demo")
          .build();

  /** How many times the tools actually ran. */
  public final AtomicInteger toolRuns = new AtomicInteger();

  private final boolean endless;
  private final boolean plannerFails;
  private final boolean compacting;

  private ResearchScenario(boolean endless, boolean plannerFails, boolean compacting) {
    this.endless = endless;
    this.plannerFails = plannerFails;
    this.compacting = compacting;
  }

  /** The scenario that researches, is sent back once by verification, and completes. */
  public static ResearchScenario completing() {
    return new ResearchScenario(false, false, false);
  }

  /**
   * The completing scenario with a context policy that keeps one tool result whole and clears stale
   * ones from 50 tokens, so the run compacts its history on the way.
   */
  public static ResearchScenario compacting() {
    return new ResearchScenario(false, false, true);
  }

  /** A scenario whose model searches forever, so a step budget ends it. */
  public static ResearchScenario endless() {
    return new ResearchScenario(true, false, false);
  }

  /** The completing scenario, but the planning call fails, so the run goes on without a plan. */
  public static ResearchScenario plannerFailing() {
    return new ResearchScenario(false, true, false);
  }

  /** A new scenario like this one, with its own tool-run count. */
  public ResearchScenario fresh() {
    return new ResearchScenario(endless, plannerFails, compacting);
  }

  /** Whether this is the {@link #endless()} scenario. */
  public boolean isEndless() {
    return endless;
  }

  /** A fresh model answering as the recorded one did. */
  public ScriptedChatModel model() {
    return ScriptedChatModel.builder()
        .when(
            Fixtures.isPlan(),
            r -> {
              if (plannerFails) {
                throw new NonRetryableException("the planner is down");
              }
              return ScriptedChatModel.text(
                  "{\"subQuestions\":[\"What is alpha?\",\"What is gamma?\"],"
                      + "\"evidenceNeeded\":[\"a source\"],\"firstSearches\":[\"alpha\"]}");
            })
        .when(
            Fixtures.isVerify(),
            r ->
                ScriptedChatModel.text(
                    Fixtures.last(r).content().contains("(cites S2)")
                        ? "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},"
                            + "{\"claim\":2,\"verdict\":\"CONTRADICTED\",\"note\":\"S2 is about"
                            + " beta\"}]}"
                        : "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},"
                            + "{\"claim\":2,\"verdict\":\"SUPPORTED\"}]}"))
        .otherwise(this::act)
        .build();
  }

  private ChatResponse act(ChatRequest request) {
    int turn = (int) request.messages().stream().filter(m -> m.role() == Role.ASSISTANT).count();
    if (endless) {
      return turn(turn, "", List.of(search("e" + turn, "topic " + turn)));
    }
    return switch (turn) {
      case 0 ->
          turn(
              turn,
              "I should search for both.",
              List.of(search("c1", "alpha"), search("c2", "beta")));
      case 1 ->
          turn(
              turn,
              "",
              List.of(
                  search("c3", "gamma"),
                  search("c4", "alpha"),
                  new ToolCall("c5", "flaky", "{\"query\":\"anything\"}")));
      case 2 ->
          turn(
              turn,
              "",
              List.of(
                  new ToolCall("c6", "read_page", "{\"query\":\"https://example.org/long\"}"),
                  new ToolCall("c7", "lookup", "{\"query\":\"delta\"}")));
      case 3 -> answer(turn, "Answer: 42\n\nAlpha is 42 [S1]. Gamma is 7 [S2].");
      case 4 -> turn(turn, "", List.of(search("c8", "gamma facts")));
      default -> answer(turn, "Answer: 42\n\nAlpha is 42 [S1]. Gamma is 7 [S3].");
    };
  }

  private static ToolCall search(String id, String query) {
    return new ToolCall(id, "web_search", "{\"query\":\"" + query + "\"}");
  }

  private static ChatResponse turn(int turn, String reasoning, List<ToolCall> calls) {
    return response(turn, Message.assistant("", reasoning, calls), FinishReason.TOOL_CALLS);
  }

  private static ChatResponse answer(int turn, String text) {
    return response(turn, Message.assistant(text), FinishReason.STOP);
  }

  private static ChatResponse response(int turn, Message message, FinishReason reason) {
    return new ChatResponse(
        message,
        reason,
        reason == FinishReason.STOP ? "stop" : "tool_calls",
        new Usage(100 + 50L * turn, 20, 0, 0, 0.001),
        "scripted-model",
        "resp-" + turn,
        Duration.ZERO,
        List.of(),
        new TokenTrace(
            List.of(1, 2, 3),
            List.of(10 + turn, 11 + turn),
            List.of("a", "b"),
            List.of(-0.1, -0.2)));
  }

  /** The tools, counting their runs in {@link #toolRuns}. */
  public List<Tool> tools() {
    return List.of(
        tool(
            "web_search",
            (call, context) -> {
              String query = call.parsedArguments().path("query").asText();
              String slug = query.replaceAll("[^a-z0-9]+", "-");
              return ToolResult.of(
                  "Result for " + query,
                  List.of(
                      Source.web(
                          "https://example.org/" + slug,
                          "Page about " + query,
                          "Facts about " + query + ".")));
            }),
        tool(
            "read_page",
            (call, context) ->
                ToolResult.of(
                    "Long page. " + "Lorem ipsum dolor sit amet. ".repeat(100),
                    List.of(
                        Source.web(call.parsedArguments().path("query").asText(), "Long", "")))),
        tool(
            "lookup",
            (call, context) -> {
              String query = call.parsedArguments().path("query").asText();
              Source source =
                  context.registerSource(
                      Source.web("https://example.org/lookup-" + query, "Lookup " + query, "x"));
              return ToolResult.of("See [" + source.id() + "] for " + query + ".");
            }),
        tool(
            "flaky",
            (call, context) -> {
              throw new IllegalArgumentException("the flaky service said no");
            }));
  }

  private Tool tool(String name, Fixtures.ToolBody body) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    schema.putArray("required").add("query");
    ToolSpec spec = ToolSpec.of(name, "A " + name + " tool for tests.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) throws Exception {
        toolRuns.incrementAndGet();
        return body.run(call, context);
      }
    };
  }

  /** An agent like the one that records the scenario, with {@code model}. */
  public ResearchAgent.Builder agent(ChatModel model) {
    return agent(model, tools());
  }

  /** An agent like the one that records the scenario, with {@code model} and {@code tools}. */
  public ResearchAgent.Builder agent(ChatModel model, List<Tool> tools) {
    ResearchAgent.Builder builder =
        ResearchAgent.builder()
            .chatModel(model)
            .planning(!endless)
            .verification(endless ? VerificationPolicy.disabled() : VerificationPolicy.ofDefaults())
            .clock(FakeClock.fixed())
            .executor(Fixtures.EXECUTOR);
    for (Tool tool : tools) {
      builder.tool(
          tool,
          tool.spec().name().equals("read_page")
              ? ToolPolicy.custom().maxResultChars(600).build()
              : null);
    }
    if (compacting) {
      builder.context(
          ContextManagement.builder()
              .policy(ContextPolicy.keepRecentToolResults(1))
              .staleResultTokens(50)
              .build());
    }
    if (endless) {
      builder.budget(dev.researcher4j.api.Budget.builder().maxSteps(6).build());
    }
    return builder;
  }

  /** Runs the scenario, recording it as {@code <dir>/<runId>.jsonl}. */
  public Trajectory record(Path dir) {
    return agent(model()).trajectorySink(JsonlTrajectorySink.inDirectory(dir)).build().run(TASK);
  }
}
