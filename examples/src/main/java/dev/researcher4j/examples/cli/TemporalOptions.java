package dev.researcher4j.examples.cli;

import dev.researcher4j.temporal.PayloadStore;
import dev.researcher4j.temporal.ResearchWorker;
import dev.researcher4j.temporal.TemporalConnection;
import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Options of the commands that run on Temporal ({@code worker}, {@code ask --temporal}, {@code eval
 * --temporal}, {@code attach}): where the service is, the namespace, the task queue, TLS, and the
 * payload directory every process of a deployment shares.
 */
final class TemporalOptions {

  /** The environment variable of a Temporal Cloud API key. */
  static final String ENV_API_KEY = "TEMPORAL_API_KEY";

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description =
          "Run on the Temporal service at HOST:PORT (researcher temporal-dev starts one).")
  String target;

  @Option(
      names = "--namespace",
      paramLabel = "N",
      description = "Temporal namespace (default: ${DEFAULT-VALUE}).")
  String namespace = TemporalConnection.DEFAULT_NAMESPACE;

  @Option(
      names = "--task-queue",
      paramLabel = "Q",
      description = "Task queue of the research workers (default: ${DEFAULT-VALUE}).")
  String taskQueue = ResearchWorker.DEFAULT_TASK_QUEUE;

  @Option(
      names = "--tls",
      description = "Connect with TLS (implied by --tls-cert and $TEMPORAL_API_KEY).")
  boolean tls;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description = "Client certificate (PEM) for mutual TLS; needs --tls-key.")
  Path certificate;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "Client key (PKCS#8 PEM).")
  Path key;

  @Option(
      names = "--payloads",
      paramLabel = "DIR",
      description =
          "Where payloads too large for Temporal's history go, shared by the client and every"
              + " worker (default: ~/.researcher4j/temporal-payloads).")
  Path payloads;

  /** Whether a Temporal service was named. */
  boolean enabled() {
    return target != null;
  }

  /** A client of the service. */
  WorkflowClient connect(CliContext context) {
    if ((certificate == null) != (key == null)) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
    TemporalConnection.Builder connection =
        TemporalConnection.builder()
            .target(target)
            .namespace(namespace)
            .tls(tls)
            .payloadStore(PayloadStore.directory(payloadDirectory(context)));
    if (certificate != null) {
      connection.clientCertificate(context.resolve(certificate), context.resolve(key));
    }
    String apiKey = context.env().get(ENV_API_KEY);
    if (apiKey != null && !apiKey.isBlank()) {
      connection.apiKey(apiKey);
    }
    return connection.build().connect();
  }

  Path payloadDirectory(CliContext context) {
    if (payloads != null) {
      return context.resolve(payloads);
    }
    return Path.of(System.getProperty("user.home"), ".researcher4j", "temporal-payloads");
  }

  /** How to name this service in messages. */
  String describe() {
    return target + " (namespace " + namespace + ", task queue " + taskQueue + ")";
  }
}
