package dev.researcher4j.examples.cli;

import dev.researcher4j.api.Tool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.tools.code.RunCodeTool;
import dev.researcher4j.tools.mcp.McpResearchServer;
import dev.researcher4j.tools.scholar.SearchPapersTool;
import dev.researcher4j.tools.web.read.ReadPageTool;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code researcher mcp-server}: the research agent as an MCP server over standard input and
 * output, for desktop assistants and IDEs. Serves {@code research} (a cited report, with progress
 * notifications), {@code search_papers} and {@code read_page}.
 */
@Command(
    name = "mcp-server",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the research agent over MCP on standard input and output.",
      "The stdio transport offers the tools research (question -> cited report), search_papers",
      "and read_page.",
      "Configured like 'ask' (OPENAI_API_KEY or OPENAI_BASE_URL, RESEARCHER_MODEL, search keys);",
      "the budget options set the most one research call may spend. Logs go to standard error."
    })
final class McpServerCommand implements Callable<Integer> {

  /** The tools served besides {@code research}. */
  static final Set<String> EXPOSED = Set.of(SearchPapersTool.NAME, ReadPageTool.NAME);

  private final CliContext context;

  @Mixin AgentOptions options;

  @Option(names = "--no-code", description = "Do not give the agent run_code (sandboxed Python).")
  boolean noCode;

  @Option(
      names = "--trajectories",
      paramLabel = "DIR",
      description = "Write each research run's trajectory here (default: runs).")
  Path trajectories = Path.of("runs");

  McpServerCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    JsonlTrajectorySink sink = JsonlTrajectorySink.inDirectory(context.resolve(trajectories));
    options.chatModel(context.env(), context.err()); // fail now, not at the first call
    RunCodeTool code = noCode ? null : RunCodeTool.create();
    List<Tool> exposed =
        StandardTools.create(context.env(), options.searchProvider).stream()
            .filter(t -> EXPOSED.contains(t.spec().name()))
            .toList();
    McpResearchServer server =
        McpResearchServer.builder(
                () -> {
                  ResearchAgent.Builder agent = options.agent(context).trajectorySink(sink);
                  if (code != null) {
                    agent.tool(code, code.policy());
                  }
                  return agent;
                })
            .expose(exposed)
            .maxBudget(options.budget())
            .serverInfo("researcher4j", new ResearcherCli.Version().getVersion()[0])
            .clock(context.clock())
            .build();
    context
        .err()
        .println("researcher mcp-server: serving on stdio (research, search_papers, read_page)");
    try {
      server.serveStdio(context.in(), context.out());
    } finally {
      if (code != null) {
        code.close();
      }
    }
    return ExitCodes.OK;
  }
}
