package dev.researcher4j.examples.scaling;

import dev.researcher4j.temporal.PayloadStore;
import dev.researcher4j.temporal.TemporalConnection;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Temporal deployment on this machine made of real processes: {@code researcher temporal-dev} and
 * {@code researcher worker}s, each a JVM of its own on this class path, logging to a file in the
 * cluster's directory. Every worker shares the cluster's trajectory and payload directories and
 * talks to its own path of a {@link LoopbackServices}. {@link #close()} kills every process; so
 * does a shutdown hook, should the harness be stopped with Ctrl-C. Not thread-safe.
 */
public final class LocalCluster implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Path dir;
  private final int port;
  private final List<Process> processes = new ArrayList<>();
  private final Map<String, Process> workers = new LinkedHashMap<>();
  private final Thread killOnExit = new Thread(this::killAll, "local-cluster-kill");

  private LocalCluster(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  /** Starts a Temporal test server process and waits until it listens. */
  public static LocalCluster start(Path dir) throws Exception {
    LocalCluster cluster = new LocalCluster(dir, freePort());
    Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
    try {
      cluster.processes.add(
          researcher(
              dir.resolve("temporal.log"), Map.of(), "temporal-dev", "--port", "" + cluster.port));
      awaitPort(cluster.port);
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  /** The server's address, {@code localhost:PORT}. */
  public String target() {
    return "localhost:" + port;
  }

  /** The directory trajectory files go to. */
  Path trajectories() {
    return dir.resolve("runs");
  }

  /** A client of the server with the workers' payload store; shut its stubs down when done. */
  WorkflowClient client() {
    return TemporalConnection.builder()
        .target(target())
        .payloadStore(PayloadStore.directory(dir.resolve("payloads")))
        .build()
        .connect();
  }

  /**
   * Starts workers {@code names} at once (model and search at {@code services}, planning,
   * verification and {@code run_code} off, plus {@code extraArgs}) and waits until each serves the
   * task queue.
   */
  void startWorkers(LoopbackServices services, List<String> names, String... extraArgs)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "worker",
                "--temporal",
                target(),
                "--trajectories",
                trajectories().toString(),
                "--payloads",
                dir.resolve("payloads").toString(),
                "--no-plan",
                "--no-verify",
                "--no-code"));
    args.addAll(List.of(extraArgs));
    for (String name : names) {
      if (workers.containsKey(name)) {
        throw new IllegalArgumentException("worker " + name + " was started already");
      }
      Process worker =
          researcher(dir.resolve(name + ".log"), services.env(name), args.toArray(String[]::new));
      processes.add(worker);
      workers.put(name, worker);
    }
    for (String name : names) {
      awaitLog(dir.resolve(name + ".log"), "worker serving", workers.get(name));
    }
  }

  /** Worker {@code name}'s process. */
  Process worker(String name) {
    Process worker = workers.get(name);
    if (worker == null) {
      throw new IllegalArgumentException("no worker named " + name);
    }
    return worker;
  }

  /** Kills every process of the cluster and waits for them to end. */
  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or has run.
    }
  }

  private void killAll() {
    for (Process process : processes) {
      process.destroyForcibly();
    }
    for (Process process : processes) {
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Starts {@code researcher <args>} with {@code env} added, its output to {@code log}. */
  private static Process researcher(Path log, Map<String, String> env, String... args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.researcher4j.examples.cli.ResearcherCli");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    return builder.start();
  }

  /** Waits until {@code log} contains {@code text}; fails at once if {@code process} ends. */
  private static void awaitLog(Path log, String text, Process process) throws Exception {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the process logging to " + log + " ended (exit " + process.exitValue() + ")");
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no '" + text + "' in " + log + " after " + STARTUP);
  }

  private static void awaitPort(int port) throws Exception {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("nothing listens on port " + port + " after " + STARTUP);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
