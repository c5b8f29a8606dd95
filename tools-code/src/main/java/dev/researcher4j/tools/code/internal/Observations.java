package dev.researcher4j.tools.code.internal;

import dev.researcher4j.tools.code.SandboxLimits;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns a {@link CallResult} into the text the model reads. Stateless. */
public final class Observations {

  /** What the sandbox lacks, said once wherever a refusal shows. */
  static final String NO_ACCESS =
      "Note: run_code has no file system, network, processes, threads, environment variables or"
          + " native code, and only the standard library; put the data you need in the code.";

  // GraalPy's standard library lives in a cache directory of the host; its path is no business of
  // the model's (and names the host's user).
  private static final Pattern STDLIB_PATH =
      Pattern.compile("File \"[^\"]*?/lib/python(\\d+\\.\\d+)/");

  private Observations() {}

  /** The observation for {@code result}. */
  public static String text(CallResult result, SandboxLimits limits) {
    StringBuilder text = new StringBuilder();
    if (result.startedFresh()) {
      text.append(
          "Note: an earlier call had to be cancelled, which reset the session: variables from"
              + " before it are gone.\n");
    }
    text.append(result.output());
    if (result.outputTruncated()) {
      newline(text)
          .append("[output cut: the code printed ")
          .append(result.outputBytes())
          .append(" bytes; the first ")
          .append(limits.maxOutputChars())
          .append(" characters are shown]\n");
    }
    if (result.traceback() != null) {
      String traceback = STDLIB_PATH.matcher(result.traceback()).replaceAll("File \"<stdlib>/");
      newline(text).append(traceback);
      if (isRefusal(traceback)) {
        newline(text).append(NO_ACCESS);
      }
    } else if (result.hostError() != null) {
      newline(text).append(refusal(result.hostError())).append('\n').append(NO_ACCESS);
    } else if (result.stop() != null) {
      newline(text).append(stopped(result, limits));
    } else if (text.isEmpty()) {
      text.append(
          "(no output: the code ran. print() values, or end with an expression, to see them)");
    }
    return text.toString().stripTrailing();
  }

  private static String stopped(CallResult result, SandboxLimits limits) {
    String kept =
        result.stateLost()
            ? " The call could not be interrupted, so the session was reset: all variables are"
                + " gone."
            : " Variables assigned before the stop are kept.";
    return switch (result.stop()) {
      case "TIME" ->
          "TimeoutError: run_code stopped this call after "
              + human(limits.timeLimit())
              + " (its time limit per call)."
              + kept
              + " Make the computation smaller, or split it over several calls.";
      case "MEMORY" ->
          "MemoryError: this call allocated more than "
              + (limits.maxAllocatedBytes() >> 20)
              + " MB (run_code's limit per call)."
              + kept
              + " Work on less data at a time.";
      default -> "The run was cancelled, so this call was stopped." + kept;
    };
  }

  private static boolean isRefusal(String traceback) {
    return traceback.contains("PermissionError")
        || traceback.contains("_ctypes")
        || traceback.contains("No module named")
        || traceback.contains("not allowed")
        || traceback.contains("access is not allowed")
        || traceback.contains("host symbol");
  }

  private static String refusal(String hostError) {
    String message = hostError.toLowerCase(Locale.ROOT);
    if (message.contains("socket") || message.contains("posix")) {
      return "OSError: network access is not available in run_code's sandbox.";
    }
    if (message.contains("process creation")) {
      return "PermissionError: starting processes is not available in run_code's sandbox.";
    }
    if (message.contains("creating threads")) {
      return "RuntimeError: starting threads is not available in run_code's sandbox; do the work"
          + " in one thread.";
    }
    String firstLine = hostError.lines().findFirst().orElse(hostError);
    return "SystemError: the sandbox refused an operation (" + firstLine + ").";
  }

  private static StringBuilder newline(StringBuilder text) {
    if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
      text.append('\n');
    }
    return text;
  }

  private static String human(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }
}
