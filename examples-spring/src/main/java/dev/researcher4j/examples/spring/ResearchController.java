package dev.researcher4j.examples.spring;

import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Research over REST: start a run, follow its progress, read its result. */
@RestController
@RequestMapping("/research")
public class ResearchController {

  /** What to research. */
  public record ResearchRequest(String question, String instructions) {}

  private final ResearchAgent agent;
  private final ResearchJobs jobs;

  ResearchController(ResearchAgent agent, ResearchJobs jobs) {
    this.agent = agent;
    this.jobs = jobs;
  }

  /** Starts researching in the background; 202 with the job's id and links. */
  @PostMapping
  public ResponseEntity<Map<String, String>> start(@RequestBody ResearchRequest request) {
    if (request == null || request.question() == null || request.question().isBlank()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "'question' must not be blank");
    }
    ResearchJobs.Job job = jobs.create(request.question().strip());
    Task task =
        Task.builder(job.question)
            .id(job.id)
            .instructions(request.instructions() == null ? "" : request.instructions())
            .build();
    agent
        .runAsync(task)
        .whenComplete((trajectory, error) -> jobs.completed(job, trajectory, error));
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(
            Map.of(
                "id", job.id,
                "events", "/research/" + job.id + "/events",
                "result", "/research/" + job.id));
  }

  /** The job's progress as server-sent events; a late subscriber gets every earlier event too. */
  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  public SseEmitter events(@PathVariable String id) {
    return job(id).subscribe();
  }

  /** The job's state, and its answer, report and sources once done. */
  @GetMapping("/{id}")
  public Map<String, Object> result(@PathVariable String id) {
    ResearchJobs.Job job = job(id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", job.id);
    body.put("question", job.question);
    Trajectory trajectory = job.trajectory;
    if (job.failure != null) {
      body.put("status", "FAILED");
      body.put("error", job.failure);
    } else if (trajectory == null || trajectory.outcome() == null) {
      body.put("status", "RUNNING");
    } else {
      Outcome outcome = trajectory.outcome();
      body.put("status", "DONE");
      body.put("stopReason", outcome.stopReason().name());
      body.put("answer", outcome.answer());
      body.put("report", outcome.report());
      List<Map<String, String>> sources =
          outcome.sources().stream()
              .map(s -> Map.of("id", s.id(), "url", s.url(), "title", titleOf(s)))
              .toList();
      body.put("sources", sources);
    }
    return body;
  }

  private ResearchJobs.Job job(String id) {
    return jobs.find(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no research job " + id));
  }

  private static String titleOf(Source source) {
    return source.title();
  }
}
