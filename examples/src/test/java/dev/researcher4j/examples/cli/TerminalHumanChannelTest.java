package dev.researcher4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.core.human.HumanReply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TerminalHumanChannelTest {

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private static HumanQuestion question(String text, String... options) {
    return new HumanQuestion("run", "c1", text, "", List.of(options), Instant.EPOCH);
  }

  private TerminalHumanChannel channel(String input) {
    return new TerminalHumanChannel(
        new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void eachQuestionGetsTheNextLineAndTheEndOfInputDeclines() {
    TerminalHumanChannel channel = channel("Euros\n\nskip\n");

    HumanReply first =
        channel.ask(question("Currency?", "EUR", "USD")).toCompletableFuture().join();
    HumanReply second = channel.ask(question("Year?")).toCompletableFuture().join();
    HumanReply third = channel.ask(question("Region?")).toCompletableFuture().join();
    HumanReply fourth = channel.ask(question("Anything else?")).toCompletableFuture().join();

    assertThat(first).isEqualTo(HumanReply.answer("Euros"));
    assertThat(second.answered()).isFalse();
    assertThat(third.answered()).isFalse();
    assertThat(fourth).isEqualTo(HumanReply.declined("no more input"));
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("? Currency?\n  1) EUR\n  2) USD\n")
        .contains("? Anything else?");
  }

  @Test
  void aQuestionGivenUpOnGetsNoLine() throws Exception {
    PipedOutputStream typing = new PipedOutputStream();
    TerminalHumanChannel channel =
        new TerminalHumanChannel(
            new PipedInputStream(typing), new PrintStream(err, true, StandardCharsets.UTF_8));
    CompletableFuture<HumanReply> abandoned = channel.ask(question("First?")).toCompletableFuture();
    abandoned.cancel(false);

    CompletableFuture<HumanReply> next = channel.ask(question("Second?")).toCompletableFuture();
    typing.write("answer for the second\n".getBytes(StandardCharsets.UTF_8));
    typing.flush();

    assertThat(next.join()).isEqualTo(HumanReply.answer("answer for the second"));
    typing.close();
  }
}
