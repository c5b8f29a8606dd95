package dev.researcher4j.examples.cli;

import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.core.trajectory.TrajectoryWriteException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code researcher} command line: research questions answered with cited reports, evaluation,
 * trajectories, scholarly search, extraction and benchmarks.
 *
 * <p>Exit codes: {@value ExitCodes#OK} when an outcome was produced (also when a budget stopped the
 * run), {@value ExitCodes#FAILED} when the run failed (its trajectory is still written), {@value
 * ExitCodes#USAGE} for usage or configuration errors.
 */
@Command(
    name = "researcher",
    mixinStandardHelpOptions = true,
    versionProvider = ResearcherCli.Version.class,
    description = "Research agents from the command line (researcher4j).",
    subcommands = {CommandLine.HelpCommand.class})
public final class ResearcherCli implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, CliContext.system()));
  }

  /** Runs the command line in-process; returns the exit code. */
  static int run(String[] args, CliContext context) {
    CommandLine cli = new CommandLine(new ResearcherCli());
    cli.addSubcommand("ask", new AskCommand(context));
    cli.addSubcommand("report", new ReportCommand(context));
    cli.addSubcommand("eval", new EvalCommand(context));
    cli.addSubcommand("resume", new ResumeCommand(context));
    cli.addSubcommand("replay", new ReplayCommand(context));
    cli.addSubcommand("view", new ViewCommand(context));
    cli.addSubcommand("export", new ExportCommand(context));
    cli.addSubcommand("extract", new ExtractCommand(context));
    cli.addSubcommand("extract-score", new ExtractScoreCommand(context));
    cli.addSubcommand("papers", new PapersCommand(context));
    cli.addSubcommand("bench", new BenchCommand(context));
    cli.addSubcommand("mcp-server", new McpServerCommand(context));
    cli.addSubcommand("worker", new WorkerCommand(context));
    cli.addSubcommand("attach", new AttachCommand(context));
    cli.addSubcommand("temporal-dev", new TemporalDevCommand(context));
    cli.setOut(new java.io.PrintWriter(context.out(), true));
    cli.setErr(new java.io.PrintWriter(context.err(), true));
    // Every command answers -V with the version, not only the top one.
    cli.getSubcommands()
        .values()
        .forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
    cli.setExecutionExceptionHandler(
        (error, commandLine, parseResult) -> handle(error, commandLine, context));
    cli.setParameterExceptionHandler((error, arguments) -> usageError(error, context));
    CliLogging.configure(context);
    try {
      return cli.execute(args);
    } finally {
      CliLogging.reset();
    }
  }

  /** Without a command: the usage, and the exit code of a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** A command line that does not parse: one line saying why, one pointing at the help. */
  private static int usageError(CommandLine.ParameterException error, CliContext context) {
    CommandLine command = error.getCommandLine();
    String name = command.getCommandSpec().qualifiedName();
    context.err().println(name + ": " + error.getMessage());
    context.err().println("See '" + name + " --help' for the options.");
    return ExitCodes.USAGE;
  }

  /** Turns an exception escaping a command into a message and an exit code. */
  private static int handle(Exception error, CommandLine commandLine, CliContext context) {
    if (error instanceof TrajectoryWriteException) {
      // Checked before the run: another run holds the file, or it cannot be written at all.
      context
          .err()
          .println("researcher " + commandLine.getCommandName() + ": " + error.getMessage());
      return ExitCodes.USAGE;
    }
    if (error instanceof ConfigurationException || error instanceof IllegalArgumentException) {
      context
          .err()
          .println("researcher " + commandLine.getCommandName() + ": " + error.getMessage());
      return ExitCodes.USAGE;
    }
    if (error instanceof NoSuchFileException || error instanceof FileNotFoundException) {
      String file =
          error instanceof NoSuchFileException missing ? missing.getFile() : error.getMessage();
      context
          .err()
          .println("researcher " + commandLine.getCommandName() + ": no such file: " + file);
      return ExitCodes.USAGE;
    }
    if (error instanceof UncheckedIOException || error instanceof IOException) {
      context
          .err()
          .println("researcher " + commandLine.getCommandName() + ": " + error.getMessage());
      return ExitCodes.FAILED;
    }
    if (error instanceof ResearchException research) {
      context
          .err()
          .println("researcher " + commandLine.getCommandName() + ": " + research.getMessage());
      return ExitCodes.FAILED;
    }
    context
        .err()
        .println("researcher " + commandLine.getCommandName() + ": unexpected error: " + error);
    error.printStackTrace(context.err());
    return ExitCodes.FAILED;
  }

  /** Reads the version from the jar's manifest, if packaged. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ResearcherCli.class.getPackage().getImplementationVersion();
      return new String[] {"researcher4j " + (version == null ? "(development build)" : version)};
    }
  }
}
