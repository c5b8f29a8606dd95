package dev.researcher4j.temporal;

import dev.researcher4j.core.human.HumanChannel;
import dev.researcher4j.core.human.HumanQuestion;
import dev.researcher4j.core.human.HumanReply;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HumanChannel} of runs on Temporal, for the {@code ask_user} tool of the workers'
 * agent: a question is sent to the run's workflow (it shows in {@link RunProgress#questions()}),
 * and the person's answer comes back as a signal ({@link TemporalResearch#answer}), which this
 * channel picks up by asking the workflow every so often. The run's id is its workflow id, so the
 * channel finds the run whatever worker the call runs on. Thread-safe.
 *
 * <pre>{@code
 * ResearchAgent agent = ResearchAgent.builder()
 *     .tool(AskUserTool.of(TemporalHumanChannel.of(client)), null)
 *     ...
 * }</pre>
 */
public final class TemporalHumanChannel implements HumanChannel {

  private static final Logger LOG = LoggerFactory.getLogger(TemporalHumanChannel.class);

  /** How often the workflow is asked for the answer by default. */
  public static final Duration DEFAULT_POLL = Duration.ofMillis(500);

  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "researcher4j-human-channel");
            thread.setDaemon(true);
            return thread;
          });

  private final WorkflowClient client;
  private final Duration poll;

  private TemporalHumanChannel(WorkflowClient client, Duration poll) {
    this.client = client;
    this.poll = poll;
  }

  /** A channel through {@code client}, asking for answers every {@link #DEFAULT_POLL}. */
  public static TemporalHumanChannel of(WorkflowClient client) {
    return of(client, DEFAULT_POLL);
  }

  /** A channel through {@code client}, asking for answers every {@code poll}. */
  public static TemporalHumanChannel of(WorkflowClient client, Duration poll) {
    Objects.requireNonNull(client, "client is required, but was null");
    Objects.requireNonNull(poll, "poll is required, but was null");
    if (poll.isZero() || poll.isNegative()) {
      throw new IllegalArgumentException("poll must be positive, but was " + poll);
    }
    return new TemporalHumanChannel(client, poll);
  }

  @Override
  public CompletionStage<HumanReply> ask(HumanQuestion question) {
    ResearchWorkflow run = client.newWorkflowStub(ResearchWorkflow.class, question.runId());
    run.ask(question);
    CompletableFuture<HumanReply> reply = new CompletableFuture<>();
    AtomicReference<ScheduledFuture<?>> polling = new AtomicReference<>();
    polling.set(
        TIMER.scheduleWithFixedDelay(
            () -> {
              try {
                HumanAnswer answer = run.answerTo(question.toolCallId());
                if (answer != null) {
                  reply.complete(
                      answer.declined()
                          ? HumanReply.declined(answer.text())
                          : HumanReply.answer(answer.text()));
                }
              } catch (RuntimeException e) {
                LOG.warn(
                    "run {}: asking for the answer failed: {}", question.runId(), e.toString());
              }
            },
            poll.toMillis(),
            poll.toMillis(),
            TimeUnit.MILLISECONDS));
    // However the reply ends (answered, or cancelled by the tool's time limit), stop asking.
    reply.whenComplete((r, e) -> polling.get().cancel(false));
    return reply;
  }
}
