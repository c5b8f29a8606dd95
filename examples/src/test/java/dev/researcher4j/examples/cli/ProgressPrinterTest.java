package dev.researcher4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.ScriptedChatModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The progress shown while {@code ask} runs: plain lines off a terminal, a status line on one. */
class ProgressPrinterTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final FakeClock clock = FakeClock.fixed();

  @AfterEach
  void reset() {
    CliLogging.reset();
  }

  private static Tool searchThatCannotResolve() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    ToolSpec spec = ToolSpec.of("web_search", "Searches.", schema);
    return new Tool() {
      @Override
      public ToolSpec spec() {
        return spec;
      }

      @Override
      public ToolResult execute(ToolCall call, ToolContext context) {
        return ToolResult.error("web_search failed: cannot resolve host search.example");
      }
    };
  }

  private Trajectory run(ProgressPrinter printer) {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(new ToolCall("c1", "web_search", "{\"query\":\"moss\"}"))
            .text("Answer: no idea\n\nNothing could be searched.")
            .build();
    return ResearchAgent.builder()
        .chatModel(model)
        .tools(searchThatCannotResolve())
        .planning(false)
        .verification(VerificationPolicy.disabled())
        .clock(clock)
        .listener(printer)
        .build()
        .run(Task.of("Does moss grow faster in cities?"));
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void offATerminalItPrintsPlainLinesWithToolFailuresAndAnUnknownCost() {
    ProgressPrinter printer =
        new ProgressPrinter(err, false, clock, false, Duration.ofMinutes(2), "http://m/v1");

    run(printer);

    List<String> lines = printed().lines().toList();
    assertThat(printed()).doesNotContain("\r", "\033");
    assertThat(lines.get(0)).startsWith("researching with ");
    assertThat(lines)
        .contains("  ! web_search failed: cannot resolve host search.example")
        .anySatisfy(l -> assertThat(l).startsWith("[step 1] model").endsWith("cost unknown"))
        .anySatisfy(l -> assertThat(l).startsWith("[step 2] tools      web_search (1 failed)"))
        .noneSatisfy(l -> assertThat(l).contains("$0.0000"));
  }

  @Test
  void withAPriceTheCostIsInDollars() {
    ProgressPrinter printer =
        new ProgressPrinter(err, false, clock, true, Duration.ofMinutes(2), "http://m/v1");

    run(printer);

    assertThat(printed().lines())
        .anySatisfy(l -> assertThat(l).startsWith("[step 1] model").endsWith("$0.0000"));
  }

  @Test
  void onATerminalAStatusLineIsRedrawnInPlaceUnderTheLines() {
    ProgressPrinter printer =
        new ProgressPrinter(err, true, clock, false, Duration.ofMinutes(2), "http://m/v1");

    Trajectory run = run(printer);

    assertThat(printed())
        .contains(ProgressPrinter.CLEAR_LINE + "  step ")
        .contains("  ! web_search failed: cannot resolve host search.example\n")
        // The status line is cleared when the run ends: the report starts on a clean line.
        .endsWith(ProgressPrinter.CLEAR_LINE);
    // While a model call waits, the status line says so, with the timeout.
    printer.onModelCall(run.runId(), ChatRequest.of("q"));
    clock.advance(Duration.ofSeconds(75));
    assertThat(printer.statusLine())
        .startsWith("  step 5 · waiting for the model 1m15s (timeout 2m00s) · 1m15s · ")
        .contains("tokens · cost unknown · 0 sources");
  }

  @Test
  void aResumedRunsCountersStartFromItsRecordedTotals() {
    Trajectory recorded =
        run(new ProgressPrinter(err, false, clock, false, Duration.ofMinutes(2), "x"));
    bytes.reset();
    ProgressPrinter printer =
        new ProgressPrinter(err, true, clock, false, Duration.ofMinutes(2), "x")
            .continuing(recorded);

    assertThat(printer.statusLine())
        .startsWith("  step " + (recorded.steps().size() + 1) + " · ")
        .contains(recorded.totals().usage().totalTokens() + " tokens");
  }

  @Test
  void aModelServerThatCannotBeReachedIsNamedWithItsVariable() {
    assertThat(ProgressPrinter.unreachable("openai: POST x failed: ConnectException: refused"))
        .isTrue();
    assertThat(ProgressPrinter.unreachable("openai: HTTP 503")).isFalse();
  }
}
