package dev.researcher4j.examples.cli;

import io.temporal.testserver.TestServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code researcher temporal-dev}: a Temporal server on this machine, for trials and tests. */
@Command(
    name = "temporal-dev",
    mixinStandardHelpOptions = true,
    description = {
      "Runs Temporal's test server on this machine: in memory, one process, for local trials and"
          + " tests. Not for production: everything is lost when it stops. In production, point"
          + " --temporal at a Temporal cluster or Temporal Cloud (see the README's Scaling out)."
    })
final class TemporalDevCommand implements Callable<Integer> {

  private final CliContext context;

  /** Counted down to stop the server (by Ctrl-C, or by a test). */
  final CountDownLatch stop = new CountDownLatch(1);

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port = 7233;

  TemporalDevCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("--port must be 1 to 65535, but was " + port);
    }
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    try {
      Thread hook = new Thread(stop::countDown, "temporal-dev-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      context
          .err()
          .println(
              "Temporal test server on localhost:"
                  + port
                  + " (in memory, not for production); use --temporal localhost:"
                  + port
                  + "; Ctrl-C stops it");
      stop.await();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the JVM is on its way out.
      }
    } finally {
      server.close();
    }
    return ExitCodes.OK;
  }
}
