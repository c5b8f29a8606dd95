package dev.researcher4j.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.verify.ModelVerifier;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.ScriptedChatModel;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** Shared helpers for the loop tests. */
final class Fixtures {
  private Fixtures() {}

  /** The body of a test tool. */
  @FunctionalInterface
  interface ToolBody {
    ToolResult run(ToolCall call, ToolContext context) throws Exception;
  }

  /** Executor shared by the tests: threads on demand, daemon, never shut down. */
  static final ExecutorService EXECUTOR =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "test-agent");
            t.setDaemon(true);
            return t;
          });

  /** A tool taking {@code {"query": string}}. */
  static Tool tool(String name, ToolBody body) {
    ObjectNode schema = JsonNodeFactory.instance.objectNode();
    schema.put("type", "object");
    schema
        .putObject("properties")
        .putObject("query")
        .put("type", "string")
        .put("description", "what to look for");
    schema.putArray("required").add("query");
    ToolSpec spec =
        ToolSpec.of(name, "Looks things up for tests; returns results with sources.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) throws Exception {
        return body.run(call, context);
      }
    };
  }

  /** A search tool answering each query with one web source derived from it. */
  static Tool search() {
    return tool(
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
        });
  }

  /** An agent builder with the scripted model, a fake clock, no planning and no verification. */
  static ResearchAgent.Builder agent(ScriptedChatModel model, Tool... tools) {
    return ResearchAgent.builder()
        .chatModel(model)
        .tools(tools)
        .planning(false)
        .verification(VerificationPolicy.disabled())
        .clock(FakeClock.fixed())
        .executor(EXECUTOR);
  }

  static Executor executor() {
    return EXECUTOR;
  }

  static ToolCall call(String id, String name, String arguments) {
    return new ToolCall(id, name, arguments);
  }

  static ChatResponse search(String id, String query) {
    return ScriptedChatModel.toolCalls(call(id, "web_search", "{\"query\":\"" + query + "\"}"));
  }

  /** Whether the request is the planner's. */
  static Predicate<ChatRequest> isPlan() {
    return r -> ResearchAgent.PLAN_RESPONSE_FORMAT.equals(r.responseFormat().name());
  }

  /** Whether the request is the verifier's. */
  static Predicate<ChatRequest> isVerify() {
    return r -> ModelVerifier.RESPONSE_FORMAT_NAME.equals(r.responseFormat().name());
  }

  /** The last message of a request. */
  static Message last(ChatRequest request) {
    return request.messages().get(request.messages().size() - 1);
  }

  /** The tool messages of a request. */
  static List<Message> toolMessages(ChatRequest request) {
    return request.messages().stream().filter(m -> m.role() == Role.TOOL).toList();
  }

  /** The act-loop requests a model received (not planning or verification). */
  static List<ChatRequest> actRequests(ScriptedChatModel model) {
    return model.requests().stream().filter(isPlan().or(isVerify()).negate()).toList();
  }

  /** A verifier reply judging every claim number in {@code supported} supported, others not. */
  static ChatResponse verdicts(String json) {
    return ScriptedChatModel.text(json);
  }
}
