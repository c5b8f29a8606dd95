package dev.researcher4j.examples.cli;

import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.human.AskUserTool;
import dev.researcher4j.tools.code.RunCodeTool;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The tools besides search and reading: {@code run_code} (on unless {@code --no-code}) and {@code
 * ask_user} (with {@code --interactive}, answered on the terminal).
 */
final class ExtraToolOptions {

  @Option(names = "--no-code", description = "Do not offer run_code (sandboxed Python).")
  boolean noCode;

  @Option(
      names = "--interactive",
      description =
          "Let the agent ask you questions (ask_user): printed on standard error, answered on"
              + " standard input, one line each.")
  boolean interactive;

  @Option(
      names = "--ask-timeout",
      paramLabel = "DURATION",
      converter = AgentOptions.DurationConverter.class,
      description = "With --interactive: how long to wait for an answer (default: 5m).")
  Duration askTimeout = AskUserTool.DEFAULT_TIMEOUT;

  @Option(
      names = "--max-questions",
      paramLabel = "N",
      description = "With --interactive: most questions a run may ask (default: ${DEFAULT-VALUE}).")
  int maxQuestions = AskUserTool.DEFAULT_MAX_QUESTIONS;

  /**
   * Adds the chosen tools to {@code agent}.
   *
   * @return what to close when the agent is done (the Python engine)
   */
  AutoCloseable addTo(ResearchAgent.Builder agent, CliContext context) {
    RunCodeTool code = noCode ? null : RunCodeTool.create();
    if (code != null) {
      agent.tool(code, code.policy());
    }
    if (interactive) {
      AskUserTool ask =
          AskUserTool.builder(new TerminalHumanChannel(context.in(), context.err()))
              .timeout(askTimeout)
              .maxQuestions(maxQuestions)
              .build();
      agent.tool(ask, ask.policy());
    }
    return () -> {
      if (code != null) {
        code.close();
      }
    };
  }
}
