package dev.researcher4j.examples.cli;

import dev.researcher4j.core.human.HumanChannel;
import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.core.human.HumanReply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code ask_user} on a terminal: questions are printed on standard error, answers read from
 * standard input one line each, so a session can be scripted ({@code printf 'EU only\n' |
 * researcher ask --interactive ...}). An empty line or {@code skip} declines; the end of input
 * declines every later question. A line typed before a question is asked answers the next one. A
 * question the agent stopped waiting for (its time limit passed) gets no line. Thread-safe.
 */
final class TerminalHumanChannel implements HumanChannel {

  private final BufferedReader in;
  private final PrintStream err;
  private final Deque<CompletableFuture<HumanReply>> waiting = new ArrayDeque<>();
  private final Deque<String> lines = new ArrayDeque<>();
  private boolean ended;
  private Thread reader;

  TerminalHumanChannel(InputStream in, PrintStream err) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.err = err;
  }

  @Override
  public synchronized CompletionStage<HumanReply> ask(HumanQuestion question) {
    StringBuilder prompt = new StringBuilder("\n? ").append(question.question()).append('\n');
    if (!question.why().isBlank()) {
      prompt.append("  (").append(question.why()).append(")\n");
    }
    for (int i = 0; i < question.options().size(); i++) {
      prompt.append("  ").append(i + 1).append(") ").append(question.options().get(i)).append('\n');
    }
    prompt.append("  answer on one line (empty line or 'skip' to decline)> ");
    err.print(prompt);
    err.flush();
    CompletableFuture<HumanReply> reply = new CompletableFuture<>();
    waiting.add(reply);
    if (reader == null) {
      reader = new Thread(this::readLines, "researcher-stdin");
      reader.setDaemon(true);
      reader.start();
    }
    deliver();
    return reply;
  }

  private void readLines() {
    while (true) {
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        line = null;
      }
      synchronized (this) {
        if (line == null) {
          ended = true;
        } else {
          lines.add(line);
        }
        deliver();
      }
      if (line == null) {
        return;
      }
    }
  }

  /** Hands lines read to the questions still waiting, oldest first; called holding the lock. */
  private void deliver() {
    while (!waiting.isEmpty()) {
      CompletableFuture<HumanReply> next = waiting.peek();
      if (next.isDone()) {
        waiting.poll(); // given up on by the agent: it gets no line
        continue;
      }
      if (!lines.isEmpty()) {
        String line = lines.poll().strip();
        waiting.poll().complete(reply(line));
      } else if (ended) {
        waiting.poll().complete(HumanReply.declined("no more input"));
      } else {
        return;
      }
    }
  }

  private static HumanReply reply(String line) {
    if (line.isEmpty() || line.equalsIgnoreCase("skip")) {
      return HumanReply.declined("");
    }
    return HumanReply.answer(line);
  }
}
