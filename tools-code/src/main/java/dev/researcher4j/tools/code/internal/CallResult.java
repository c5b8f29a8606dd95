package dev.researcher4j.tools.code.internal;

/**
 * How one call went.
 *
 * @param output what the code printed (and the value of a final expression), cut to the limit
 * @param outputTruncated whether the code printed more than {@code output} shows
 * @param outputBytes how many bytes the code printed in all
 * @param traceback the Python traceback if the code raised, or null
 * @param hostError the message of a failure outside Python (a refused capability), or null
 * @param stop why the sandbox stopped the call ({@code TIME}, {@code MEMORY}, {@code CANCELLED}),
 *     or null if it was not stopped
 * @param stateLost whether stopping the call cost the session its variables
 * @param startedFresh whether an earlier call had cost the session its variables, so this call
 *     started with none
 * @param allocatedBytes bytes the call allocated
 * @param elapsedNanos how long the call ran
 */
public record CallResult(
    String output,
    boolean outputTruncated,
    long outputBytes,
    String traceback,
    String hostError,
    String stop,
    boolean stateLost,
    boolean startedFresh,
    long allocatedBytes,
    long elapsedNanos) {

  /** Whether the code ran to its end without raising. */
  public boolean succeeded() {
    return traceback == null && hostError == null && stop == null;
  }
}
