package dev.researcher4j.examples.spring;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The research jobs of this application and their progress. As an {@link AgentListener} bean it is
 * given to the agent by the starter; it turns the run's events into server-sent events for every
 * subscriber, and keeps them so that a late subscriber gets the whole story. Thread-safe.
 */
@Component
public class ResearchJobs implements AgentListener {

  /** How long an event stream may stay open. */
  static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

  /** One progress event: its SSE name and JSON data. */
  public record Event(String type, Map<String, Object> data) {}

  /** A research job: its events so far, its subscribers, its result once done. */
  static final class Job {
    final String id;
    final String question;
    final List<Event> events = new ArrayList<>();
    final List<SseEmitter> subscribers = new ArrayList<>();
    volatile Trajectory trajectory;
    volatile String failure;

    Job(String id, String question) {
      this.id = id;
      this.question = question;
    }

    synchronized void add(Event event) {
      events.add(event);
      for (SseEmitter emitter : List.copyOf(subscribers)) {
        send(emitter, event);
      }
      if (isFinal(event)) {
        subscribers.forEach(SseEmitter::complete);
        subscribers.clear();
      }
    }

    synchronized SseEmitter subscribe() {
      SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
      events.forEach(event -> send(emitter, event));
      if (!events.isEmpty() && isFinal(events.get(events.size() - 1))) {
        emitter.complete();
      } else {
        subscribers.add(emitter);
        Runnable remove = () -> unsubscribe(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
      }
      return emitter;
    }

    private synchronized void unsubscribe(SseEmitter emitter) {
      subscribers.remove(emitter);
    }

    private void send(SseEmitter emitter, Event event) {
      try {
        emitter.send(SseEmitter.event().name(event.type()).data(event.data()));
      } catch (IOException | IllegalStateException gone) {
        subscribers.remove(emitter);
      }
    }

    private static boolean isFinal(Event event) {
      return event.type().equals("finished") || event.type().equals("failed");
    }
  }

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<String, Job> byRun = new ConcurrentHashMap<>();

  /** A new job for {@code question}; its id is also the task id of its run. */
  Job create(String question) {
    Job job = new Job(UUID.randomUUID().toString(), question);
    jobs.put(job.id, job);
    return job;
  }

  /** The job with this id. */
  Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  /** Records how the job's run ended. */
  void completed(Job job, Trajectory trajectory, Throwable error) {
    if (error != null) {
      job.failure = error.toString();
      job.add(new Event("failed", Map.of("error", error.toString())));
    } else {
      job.trajectory = trajectory;
    }
  }

  @Override
  public void onRunStarted(TrajectoryHeader header) {
    Job job = jobs.get(header.task().id());
    if (job != null && header.parentRunId().isEmpty()) {
      byRun.put(header.runId(), job);
      job.add(
          new Event(
              "run_started", Map.of("runId", header.runId(), "model", header.model().model())));
    }
  }

  @Override
  public void onModelDelta(String runId, String textDelta) {
    event(runId, "delta", Map.of("text", textDelta));
  }

  @Override
  public void onToolCallStarted(String runId, ToolCall call) {
    event(
        runId,
        "tool_call",
        Map.of("id", call.id(), "tool", call.name(), "arguments", call.arguments()));
  }

  @Override
  public void onToolCallFinished(String runId, ToolExecution execution) {
    event(
        runId,
        "tool_result",
        Map.of(
            "id", execution.call().id(),
            "tool", execution.call().name(),
            "status", execution.status().name(),
            "sources", execution.sourceIds()));
  }

  @Override
  public void onSourceAdded(String runId, Source source) {
    event(runId, "source", Map.of("id", source.id(), "url", source.url(), "title", source.title()));
  }

  @Override
  public void onRetry(String runId, String target, RetryAttempt retry) {
    event(
        runId,
        "retry",
        Map.of("target", target, "attempt", retry.attempt(), "error", retry.error()));
  }

  @Override
  public void onBudgetWarning(String runId, String budget, double fractionUsed) {
    event(runId, "budget_warning", Map.of("budget", budget, "fractionUsed", fractionUsed));
  }

  @Override
  public void onRunFinished(Trajectory trajectory) {
    Job job = byRun.remove(trajectory.runId());
    if (job == null) {
      return;
    }
    job.trajectory = trajectory;
    Outcome outcome = trajectory.outcome();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("stopReason", outcome == null ? "UNKNOWN" : outcome.stopReason().name());
    data.put("answer", outcome == null ? "" : outcome.answer());
    data.put("sources", trajectory.totals().sources());
    job.add(new Event("finished", data));
  }

  private void event(String runId, String type, Map<String, Object> data) {
    Job job = byRun.get(runId);
    if (job != null) {
      job.add(new Event(type, data));
    }
  }
}
