package dev.researcher4j.tools.mcp;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.tools.mcp.internal.CallContext;
import dev.researcher4j.tools.mcp.internal.ProgressNotifier;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * A research agent served over MCP, so a desktop assistant or an IDE can call it: the tool {@code
 * research} (a question and an optional budget → a cited report, with progress notifications while
 * it runs) and any researcher4j tools given to {@link Builder#expose}, such as {@code
 * search_papers} and {@code read_page}.
 *
 * <p>Each {@code research} call builds an agent from the supplied builder with the call's budget
 * (never more than {@link Builder#maxBudget}) and its own progress listener, and runs it; a run
 * that ends without an answer is an error result saying why. Exposed tools are called one call at a
 * time each in a context of their own; the sources they register are listed under their text.
 *
 * <p>Immutable and thread-safe; {@link #start} may be called for several transports.
 */
public final class McpResearchServer {

  /** The name of the research tool. */
  public static final String RESEARCH = "research";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Supplier<ResearchAgent.Builder> agents;
  private final List<Tool> exposed;
  private final Budget maxBudget;
  private final String name;
  private final String version;
  private final Clock clock;

  private McpResearchServer(Builder b) {
    this.agents = b.agents;
    this.exposed = List.copyOf(b.exposed);
    this.maxBudget = b.maxBudget;
    this.name = b.name;
    this.version = b.version;
    this.clock = b.clock;
  }

  /**
   * A builder serving agents made by {@code agents} (a model and tools set; the budget and listener
   * are set per call).
   */
  public static Builder builder(Supplier<ResearchAgent.Builder> agents) {
    return new Builder(agents);
  }

  /** Starts serving on {@code transport}; close the returned server to stop. */
  public McpSyncServer start(McpServerTransportProvider transport) {
    List<McpServerFeatures.SyncToolSpecification> tools = new ArrayList<>();
    tools.add(
        McpServerFeatures.SyncToolSpecification.builder()
            .tool(researchTool())
            .callHandler(this::research)
            .build());
    for (Tool tool : exposed) {
      tools.add(
          McpServerFeatures.SyncToolSpecification.builder()
              .tool(
                  McpSchema.Tool.builder(
                          tool.spec().name(),
                          JSON.convertValue(
                              tool.spec().parameters(),
                              new TypeReference<Map<String, Object>>() {}))
                      .description(tool.spec().description())
                      .build())
              .callHandler((exchange, request) -> call(tool, request))
              .build());
    }
    return McpServer.sync(transport)
        .serverInfo(name, version)
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(tools)
        .build();
  }

  /**
   * Serves over standard input and output until the input ends, then stops. Blocks.
   *
   * @throws InterruptedException if the thread is interrupted while serving
   */
  public void serveStdio(InputStream in, OutputStream out) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    InputStream watched =
        new FilterInputStream(in) {
          @Override
          public int read() throws IOException {
            return ended(super.read());
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            return ended(super.read(b, off, len));
          }

          private int ended(int n) {
            if (n < 0) {
              ended.countDown();
            }
            return n;
          }
        };
    McpSyncServer server =
        start(
            new StdioServerTransportProvider(
                new JacksonMcpJsonMapper(new ObjectMapper()), watched, out));
    try {
      ended.await();
    } finally {
      server.closeGracefully();
    }
  }

  private McpSchema.Tool researchTool() {
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put(
        "question",
        Map.of("type", "string", "description", "The research question, self-contained."));
    properties.put(
        "instructions",
        Map.of(
            "type",
            "string",
            "description",
            "How to answer: scope, sources to prefer, form of the report (optional)."));
    properties.put(
        "max_steps",
        Map.of(
            "type",
            "integer",
            "minimum",
            1,
            "description",
            "Most model calls (optional; at most " + maxBudget.maxSteps() + ")."));
    properties.put(
        "max_minutes",
        Map.of(
            "type",
            "number",
            "exclusiveMinimum",
            0,
            "description",
            "Most wall time in minutes (optional; at most "
                + maxBudget.maxTime().toMinutes()
                + ")."));
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("type", "object");
    schema.put("properties", properties);
    schema.put("required", List.of("question"));
    return McpSchema.Tool.builder(RESEARCH, schema)
        .title("Research a question")
        .description(
            "Researches a question on the web and in the scholarly literature and returns a short"
                + " answer with a Markdown report whose claims cite numbered sources [S1], [S2]…"
                + " listed at the end. Takes minutes; sends progress notifications.")
        .build();
  }

  private McpSchema.CallToolResult research(
      McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
    Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
    Object question = args.get("question");
    if (!(question instanceof String q) || q.isBlank()) {
      return error("research needs a 'question': the research question, as text.");
    }
    Budget budget;
    try {
      budget = budget(args);
    } catch (IllegalArgumentException e) {
      return error(e.getMessage());
    }
    Task.Builder task = Task.builder(q.strip());
    if (args.get("instructions") instanceof String instructions && !instructions.isBlank()) {
      task.instructions(instructions);
    }
    ResearchAgent.Builder agent = agents.get().budget(budget);
    Object token = request.progressToken();
    if (token != null) {
      agent.listener(new ProgressNotifier(exchange, token, budget.maxSteps()));
    }
    Trajectory run = agent.build().run(task.build());
    Outcome outcome = run.requireOutcome();
    if (!outcome.hasAnswer()) {
      return error(
          "The research run "
              + run.runId()
              + " ended without an answer ("
              + outcome.stopReason()
              + (outcome.error().isBlank() ? "" : ": " + outcome.error())
              + ").");
    }
    StringBuilder text = new StringBuilder();
    text.append("Answer: ").append(outcome.answer().strip()).append("\n\n");
    text.append(outcome.report().strip()).append('\n');
    if (outcome.stopReason().isBudget()) {
      text.append("\nNote: the run stopped at its budget (")
          .append(outcome.stopReason())
          .append("); this is the best answer it had.\n");
    }
    outcome.warnings().forEach(w -> text.append("\nWarning: ").append(w.message()).append('\n'));
    return McpSchema.CallToolResult.builder()
        .addTextContent(text.toString())
        .isError(false)
        .build();
  }

  private Budget budget(Map<String, Object> args) {
    Budget.Builder budget =
        Budget.builder()
            .maxSteps(maxBudget.maxSteps())
            .maxToolCalls(maxBudget.maxToolCalls())
            .maxTime(maxBudget.maxTime());
    if (args.get("max_steps") instanceof Number steps) {
      long n = steps.longValue();
      if (n < 1) {
        throw new IllegalArgumentException("max_steps must be at least 1, but was " + steps);
      }
      budget.maxSteps(Math.min(n, maxBudget.maxSteps()));
    }
    if (args.get("max_minutes") instanceof Number minutes) {
      double m = minutes.doubleValue();
      if (!(m > 0)) {
        throw new IllegalArgumentException("max_minutes must be above 0, but was " + minutes);
      }
      Duration asked = Duration.ofMillis((long) (m * 60_000));
      budget.maxTime(asked.compareTo(maxBudget.maxTime()) < 0 ? asked : maxBudget.maxTime());
    }
    return budget.build();
  }

  private McpSchema.CallToolResult call(Tool tool, McpSchema.CallToolRequest request) {
    Map<String, Object> args = request.arguments() == null ? Map.of() : request.arguments();
    try (CallContext context = new CallContext(tool.spec().name(), clock)) {
      ToolResult result =
          tool.execute(
              ToolCall.of(context.runId(), tool.spec().name(), JSON.valueToTree(args)), context);
      StringBuilder text = new StringBuilder(result.content());
      result.sources().forEach(context::registerSource);
      List<Source> listed = context.sources();
      if (!listed.isEmpty()) {
        text.append("\n\nSources:");
        for (Source source : listed) {
          text.append("\n[")
              .append(source.id())
              .append("] ")
              .append(
                  source.title().isBlank() ? source.url() : source.title() + " — " + source.url());
        }
      }
      return McpSchema.CallToolResult.builder()
          .addTextContent(text.toString())
          .isError(result.error())
          .build();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return error(tool.spec().name() + " failed: " + e.getMessage());
    }
  }

  private static McpSchema.CallToolResult error(String message) {
    return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
  }

  /** Builds a {@link McpResearchServer}. Not thread-safe. */
  public static final class Builder {
    private final Supplier<ResearchAgent.Builder> agents;
    private final List<Tool> exposed = new ArrayList<>();
    private Budget maxBudget = Budget.builder().build();
    private String name = "researcher4j";
    private String version = "development";
    private Clock clock = Clock.systemUTC();

    private Builder(Supplier<ResearchAgent.Builder> agents) {
      this.agents = Objects.requireNonNull(agents, "agents is required, but was null");
    }

    /**
     * Also serves these tools as they are (for example {@code search_papers}, {@code read_page}).
     */
    public Builder expose(List<? extends Tool> tools) {
      for (Tool tool : tools) {
        String toolName = Objects.requireNonNull(tool, "tool").spec().name();
        if (RESEARCH.equals(toolName)
            || exposed.stream().anyMatch(t -> t.spec().name().equals(toolName))) {
          throw new IllegalArgumentException("a tool named " + toolName + " is already served");
        }
        exposed.add(tool);
      }
      return this;
    }

    /**
     * The most a {@code research} call may spend; calls asking for more get this. Default {@link
     * Budget}'s defaults.
     */
    public Builder maxBudget(Budget budget) {
      this.maxBudget = Objects.requireNonNull(budget, "budget is required, but was null");
      return this;
    }

    /** The name and version the server gives clients. */
    public Builder serverInfo(String serverName, String serverVersion) {
      this.name = Objects.requireNonNull(serverName, "serverName is required, but was null");
      this.version =
          Objects.requireNonNull(serverVersion, "serverVersion is required, but was null");
      return this;
    }

    /** The clock exposed tools read. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock is required, but was null");
      return this;
    }

    /** The server. */
    public McpResearchServer build() {
      return new McpResearchServer(this);
    }
  }
}
