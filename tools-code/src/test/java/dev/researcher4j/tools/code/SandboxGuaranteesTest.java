package dev.researcher4j.tools.code;

import static dev.researcher4j.tools.code.Sandboxes.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ToolResult;
import dev.researcher4j.testing.FakeToolContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What run_code promises: no way out of the sandbox, limits on time, memory and output, state kept
 * within a run and never shared between runs, tracebacks as observations, the pure standard library
 * available.
 */
class SandboxGuaranteesTest {

  private static final RunCodeTool TOOL = Sandboxes.generous();
  private static final RunCodeTool TIGHT = Sandboxes.tight();

  @AfterAll
  static void closeTools() {
    TIGHT.close();
  }

  private static ToolResult refused(String code) {
    ToolResult result = run(TOOL, new FakeToolContext(), code);
    assertThat(result.error()).as("refused: %s", result.content()).isTrue();
    assertThat(result.content()).contains("run_code has no file system, network, processes");
    return result;
  }

  @Test
  void readingAFileIsRefused() {
    ToolResult result = refused("print(open('/etc/passwd').read())");

    assertThat(result.content()).contains("PermissionError").doesNotContain("root:x:0:0");
  }

  @Test
  void listingAndWritingFilesIsRefused() {
    assertThat(refused("import os\nos.listdir('/')").content()).contains("PermissionError");
    assertThat(refused("open('/tmp/run_code_was_here', 'w').write('x')").content())
        .contains("PermissionError");
    assertThat(new java.io.File("/tmp/run_code_was_here")).doesNotExist();
  }

  @Test
  void socketsAreRefused() {
    ToolResult result =
        refused("import socket\nsocket.create_connection(('127.0.0.1', 80), timeout=1)");

    assertThat(result.content()).contains("network access is not available");
  }

  @Test
  void subprocessIsRefused() {
    ToolResult result = refused("import subprocess\nsubprocess.run(['ls', '/'])");

    assertThat(result.content()).containsAnyOf("PermissionError", "starting processes");
  }

  @Test
  void osSystemIsRefused() {
    ToolResult result = refused("import os\nos.system('touch /tmp/run_code_system')");

    assertThat(result.content()).contains("starting processes is not available");
    assertThat(new java.io.File("/tmp/run_code_system")).doesNotExist();
  }

  @Test
  void ctypesIsRefused() {
    ToolResult result = refused("import ctypes\nctypes.CDLL(None)");

    assertThat(result.content()).contains("ImportError");
  }

  @Test
  void threadsAreRefused() {
    ToolResult result = refused("import threading\nthreading.Thread(target=lambda: None).start()");

    assertThat(result.content()).contains("starting threads is not available");
  }

  @Test
  void javaClassesAndOtherLanguagesAreOutOfReach() {
    assertThat(refused("import java\njava.type('java.lang.System').exit(1)").content())
        .contains("host symbol");
    assertThat(refused("import polyglot\npolyglot.eval(language='js', string='1')").content())
        .contains("polyglot access is not allowed");
  }

  @Test
  void theHostEnvironmentIsNotVisible() {
    ToolResult result =
        run(
            TOOL,
            new FakeToolContext(),
            "import os\nprint(sorted(k for k in os.environ if k in ('PATH', 'HOME', 'USER')))");

    assertThat(System.getenv("PATH")).isNotNull();
    assertThat(result.error()).isFalse();
    assertThat(result.content()).isEqualTo("[]");
  }

  @Test
  void anEndlessLoopIsStoppedAndTheSessionGoesOn() {
    FakeToolContext context = new FakeToolContext();
    assertThat(run(TIGHT, context, "before = 'kept'").error()).isFalse();

    ToolResult stopped = run(TIGHT, context, "n = 0\nwhile True:\n    n += 1");

    assertThat(stopped.error()).isTrue();
    assertThat(stopped.content())
        .contains("TimeoutError: run_code stopped this call after 1 s")
        .contains("Variables assigned before the stop are kept");
    ToolResult after = run(TIGHT, context, "print(before, n > 0)");
    assertThat(after.error()).isFalse();
    assertThat(after.content()).isEqualTo("kept True");
  }

  @Test
  void aCallStoppedWhileBlockedLeavesNoInterruptBehind() {
    FakeToolContext context = new FakeToolContext();

    ToolResult stopped = run(TIGHT, context, "import time\ntime.sleep(30)");

    assertThat(stopped.error()).isTrue();
    assertThat(stopped.content()).contains("TimeoutError: run_code stopped this call after 1 s");
    // The stop was run_code's own: the caller's thread is not left interrupted, and the session's
    // next call runs instead of looking cancelled.
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(run(TIGHT, context, "1 + 1").content()).isEqualTo("2");
  }

  @Test
  void aBillionElementListFailsCleanly() {
    FakeToolContext context = new FakeToolContext();

    ToolResult result = run(TOOL, context, "big = [0] * 10**9\nlen(big)");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("MemoryError");
    assertThat(run(TOOL, context, "1 + 1").content()).isEqualTo("2");
  }

  @Test
  void growingPastTheMemoryLimitIsStopped() {
    FakeToolContext context = new FakeToolContext();

    ToolResult result =
        run(TIGHT, context, "chunks = []\nwhile True:\n    chunks.append(bytearray(1 << 20))");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("MemoryError: this call allocated more than 64 MB");
    assertThat(run(TIGHT, context, "chunks = None\n'still here'").content())
        .isEqualTo("'still here'");
  }

  @Test
  void oneAllocationOverTheLimitIsStopped() {
    ToolResult result = run(TIGHT, new FakeToolContext(), "b = bytearray(300 * 2**20)\nlen(b)");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("MemoryError");
  }

  @Test
  void outputIsCapped() {
    ToolResult result = run(TOOL, new FakeToolContext(), "print('x' * 100_000)");

    assertThat(result.error()).isFalse();
    assertThat(result.content())
        .hasSizeLessThan(2_200)
        .startsWith("xxxx")
        .contains("[output cut: the code printed 100001 bytes; the first 2000 characters");
  }

  @Test
  void stateIsKeptBetweenCallsOfOneRun() {
    FakeToolContext context = new FakeToolContext();

    run(
        TOOL,
        context,
        "population = {'A': 1200, 'B': 800}\ndef share(k):\n    return"
            + " population[k] / sum(population.values())");
    ToolResult result = run(TOOL, context, "round(share('A') * 100, 1)");

    assertThat(result.error()).isFalse();
    assertThat(result.content()).isEqualTo("60.0");
  }

  @Test
  void stateIsNeverSharedBetweenRuns() {
    FakeToolContext first = new FakeToolContext();
    FakeToolContext second = new FakeToolContext();
    run(TOOL, first, "secret = 'run one'");

    ToolResult result = run(TOOL, second, "secret");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("NameError: name 'secret' is not defined");
    assertThat(run(TOOL, first, "secret").content()).isEqualTo("'run one'");
  }

  @Test
  void tracebacksComeBackAsObservations() {
    ToolResult result =
        run(TOOL, new FakeToolContext(), "def rate(a, b):\n    return a / b\n\nrate(3, 0)");

    assertThat(result.error()).isTrue();
    assertThat(result.content())
        .contains("Traceback (most recent call last):")
        .contains("File \"<run_code>\", line 4")
        .contains("line 2, in rate")
        .endsWith("ZeroDivisionError: division by zero")
        .doesNotContain("runner");
  }

  @Test
  void syntaxErrorsSayWhere() {
    ToolResult result = run(TOOL, new FakeToolContext(), "x = (1 +\nprint(x)");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("SyntaxError").contains("<run_code>");
  }

  @Test
  void printedOutputBeforeAnErrorIsKept() {
    ToolResult result = run(TOOL, new FakeToolContext(), "print('step 1 done')\n[][1]");

    assertThat(result.error()).isTrue();
    assertThat(result.content())
        .startsWith("step 1 done\n")
        .contains("IndexError: list index out of range");
  }

  @Test
  void thePureStandardLibraryWorks() {
    String code =
        String.join(
            "\n",
            "import math, statistics, fractions, decimal, datetime, itertools, json, re, csv, io",
            "rows = list(csv.reader(io.StringIO('year,value\\n2020,10\\n2021,12.5\\n')))",
            "values = [float(r[1]) for r in rows[1:]]",
            "print(math.isclose(math.sqrt(2) ** 2, 2),",
            "      statistics.mean(values),",
            "      fractions.Fraction(3, 4) + fractions.Fraction(1, 4),",
            "      decimal.Decimal('0.1') + decimal.Decimal('0.2'),",
            "      (datetime.date(2024, 3, 1) - datetime.date(2024, 2, 1)).days,",
            "      list(itertools.accumulate([1, 2, 3])),",
            "      json.dumps({'growth': round(values[1] / values[0] - 1, 3)}),",
            "      re.findall(r'\\d+', 'a1b22'))");

    ToolResult result = run(TOOL, new FakeToolContext(), code);

    assertThat(result.error()).as(result.content()).isFalse();
    assertThat(result.content())
        .isEqualTo("True 11.25 1 0.3 29 [1, 3, 6] {\"growth\": 0.25} ['1', '22']");
  }

  @Test
  void aCancelledRunStopsItsCall() {
    FakeToolContext context = new FakeToolContext();
    context.cancel();

    ToolResult result = run(TOOL, context, "while True:\n    pass");

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("The run was cancelled");
    assertThat(Thread.interrupted()).as("interrupt restored for the cancelled run").isTrue();
  }

  @Test
  void tooLongCodeIsRefusedWithoutRunning() {
    String code = "x = 1\n".repeat(20_000);

    ToolResult result = run(TOOL, new FakeToolContext(), code);

    assertThat(result.error()).isTrue();
    assertThat(result.content()).contains("run_code takes at most 100000");
  }

  @Test
  void aClosedToolClosesItsSessions() {
    RunCodeTool tool = Sandboxes.tight();
    FakeToolContext context = new FakeToolContext();
    run(tool, context, "x = 1");

    tool.close();

    ToolResult after = run(tool, context, "x");
    assertThat(after.error()).isTrue();
    assertThat(after.content()).contains("run_code is not available here");
  }
}
