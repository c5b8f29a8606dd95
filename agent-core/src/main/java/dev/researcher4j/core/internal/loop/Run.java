package dev.researcher4j.core.internal.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatObserver;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.FinishReason;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ModelCall;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Outcome;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.RetryAttempt;
import dev.researcher4j.api.RunTotals;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.TrajectoryHeader;
import dev.researcher4j.api.Usage;
import dev.researcher4j.core.context.CompactionRequest;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.context.ContextPolicy;
import dev.researcher4j.core.context.TokenEstimator;
import dev.researcher4j.core.internal.json.ReasoningText;
import dev.researcher4j.core.json.StructuredOutput;
import dev.researcher4j.core.trajectory.TrajectoryFooter;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import dev.researcher4j.core.trajectory.TrajectorySink;
import dev.researcher4j.core.verify.Verifier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the research loop: plan, act (model calls and parallel tool batches), verify, finish;
 * every step recorded and streamed to the sinks as it ends. Made per task by the agent and used
 * once; {@link #execute()} runs on one thread, {@link #cancel()} may be called from any.
 *
 * <p>A run {@linkplain #resuming resumed} from its trajectory runs the same loop from the start,
 * but answers each model call and tool batch that the record holds from the record (no call is made
 * again) and keeps the recorded steps; from the first step the record lacks it runs live. So
 * messages, sources and their ids, the tool cache, verification rounds and budgets come out as they
 * were, and a loop that does something else than the record shows is reported, not guessed.
 */
public final class Run {

  private static final Logger LOG = LoggerFactory.getLogger(Run.class);

  /** The response-format name of planning requests, for routing fakes in tests. */
  public static final String PLAN_FORMAT_NAME = "research_plan";

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Parameter names that suggest a credential; such parameters are never recorded. */
  private static final java.util.regex.Pattern SECRET_KEY =
      java.util.regex.Pattern.compile(
          "(?i)(api[_-]?key|secret|password|passwd|authorization|bearer|access[_-]?token|credential)");

  /** Waits longer than this count as none (and keep nanosecond arithmetic from overflowing). */
  private static final Duration FOREVER = Duration.ofDays(365);

  private static final String EMPTY_REPLY =
      "Your last reply was empty. Go on with the research (call tools), or write the final answer"
          + " in the required format.";
  private static final String CUT_OFF =
      "Your answer was cut off by the output limit. Write the final answer again, more concisely,"
          + " in the required format.";
  private static final String NO_CITATIONS =
      "Your draft cites no sources. Every factual claim needs the id of a source that supports it,"
          + " like [S2], and only ids from tool results count. Search and read sources for the"
          + " claims, then write the final answer again in the required format.";

  /** A model call made, not yet recorded. */
  private record Call(
      int index,
      StepKind kind,
      ChatRequest request,
      ChatResponse response,
      Instant startedAt,
      Instant endedAt,
      boolean historyRewritten,
      boolean replayed) {}

  private final RunSettings s;
  private final RunScope scope;
  private final String parentRunId;
  private final BudgetTracker budget;
  private final ToolRunner toolRunner;
  private final SafeSinks sinks;
  private final TokenEstimator estimator;
  private final Instant startedAt;
  private final Resumption resumption;
  private final List<Step> steps = new ArrayList<>();
  private Call pendingAuxCall;
  private List<Message> messages = new ArrayList<>();
  private boolean historyRewritten;
  private Draft bestDraft;
  private DraftCheck.Checked bestCheck;
  private int verificationRound;

  /** A run of {@code task}, started as a sub-run of {@code parentRunId} (or empty). */
  public Run(RunSettings settings, String runId, String parentRunId, Task task) {
    this(settings, runId, parentRunId, task, null);
  }

  /**
   * The continuation of the unfinished run {@code recorded}, whose process died: the run keeps its
   * id, header (task, budget) and recorded steps and goes on from where the record ends.
   *
   * @param earlierResumes the resume lines of the record, for time the run was down before
   * @param source names the record in error messages (its file)
   * @param sinks where the continued run is recorded; each learns of the resume when the run
   *     catches up with the record ({@link TrajectorySink#onResume})
   */
  public static Run resuming(
      RunSettings base,
      Trajectory recorded,
      List<TrajectoryResume> earlierResumes,
      String source,
      List<TrajectorySink> sinks) {
    TrajectoryHeader header = recorded.header();
    Resumption resumption =
        new Resumption(recorded, earlierResumes, source, base.clock(), base.listener());
    RunSettings settings =
        new RunSettings(
            base.model(),
            base.tools(),
            base.toolSpecs(),
            base.maxParallelToolCalls(),
            base.toolFailures(),
            header.budget(),
            base.planning(),
            base.verification(),
            base.context(),
            base.prompts(),
            resumption.listener,
            sinks,
            base.executor(),
            resumption.clock,
            base.sdkVersion());
    return new Run(settings, header.runId(), header.parentRunId(), header.task(), resumption);
  }

  private Run(
      RunSettings settings, String runId, String parentRunId, Task task, Resumption resumption) {
    this.s = settings;
    this.resumption = resumption;
    this.scope = new RunScope(runId, task, settings.listener(), settings.clock());
    this.parentRunId = parentRunId;
    this.startedAt =
        resumption != null ? resumption.header().startedAt() : settings.clock().instant();
    this.budget = new BudgetTracker(settings.budget(), settings.clock(), startedAt);
    this.toolRunner =
        new ToolRunner(
            scope,
            settings.tools(),
            settings.maxParallelToolCalls(),
            settings.toolFailures(),
            settings.executor());
    this.sinks = new SafeSinks(runId, settings.sinks());
    this.estimator = settings.context().estimator();
  }

  /** The run's id. */
  public String runId() {
    return scope.runId;
  }

  /** Cancels the run: calls in flight are interrupted and the run ends as {@code CANCELLED}. */
  public void cancel() {
    scope.cancel();
  }

  /** Runs to the end and returns the trajectory; never throws for research failures. */
  public Trajectory execute() {
    TrajectoryHeader header;
    if (resumption == null) {
      header =
          new TrajectoryHeader(
              TrajectoryHeader.SCHEMA_V1,
              scope.runId,
              parentRunId,
              scope.task,
              modelInfo(),
              s.toolSpecs(),
              s.budget(),
              s.sdkVersion(),
              startedAt);
      sinks.onHeader(header);
    } else {
      header = resumption.header();
    }
    s.listener().onRunStarted(header);
    Outcome outcome;
    try {
      outcome = research();
    } catch (Resumption.Divergence divergence) {
      throw divergence;
    } catch (RunStop stop) {
      outcome = stopped(stop);
    } catch (RuntimeException e) {
      LOG.error("run {} failed unexpectedly", scope.runId, e);
      recordError(StepKind.ERROR, "run failed: " + describe(e), e);
      outcome = withBestDraft(StopReason.FAILED, "internal error: " + describe(e));
    } finally {
      scope.closeScoped();
    }
    if (resumption != null) {
      resumption.throwIfDiverged();
    }
    flushPendingAux(null, "");
    recordFinal(outcome);
    Duration downtime = Duration.ZERO;
    if (resumption != null) {
      resumption.throwIfDiverged();
      if (!resumption.isLive()) {
        if (steps.size() < resumption.recordedSteps().size()) {
          throw resumption.diverged(
              "the agent ended the run after "
                  + steps.size()
                  + " steps, but the record holds "
                  + resumption.recordedSteps().size());
        }
        goLive();
      }
      downtime = resumption.downtime();
    }
    Instant endedAt = s.clock().instant();
    Duration elapsed = Duration.between(startedAt, endedAt).minus(downtime);
    RunTotals totals =
        RunTotals.of(steps, scope.sources.size(), elapsed.isNegative() ? Duration.ZERO : elapsed);
    sinks.onFooter(new TrajectoryFooter(endedAt, outcome, totals, List.of(), null));
    Trajectory trajectory = new Trajectory(header, steps, outcome, totals, List.of(), null);
    s.listener().onRunFinished(trajectory);
    if (scope.wasInterrupted()) {
      Thread.currentThread().interrupt();
    }
    return trajectory;
  }

  // ------------------------------------------------------------------ the loop

  private Outcome research() {
    String system =
        Template.render(
            s.prompts().system(),
            Map.of("date", today(), "output_format", scope.task.outputFormat()));
    String plan = s.planning() ? plan(system) : "";
    messages.add(Message.system(system));
    messages.add(Message.user(taskText(plan)));
    BudgetTracker.Kind forcedBy = null;
    boolean warnedModel = false;
    int emptyReplies = 0;
    int cutOffs = 0;
    while (true) {
      scope.checkCancelled();
      long estimate = compactIfNeeded();
      BudgetTracker.Gate gate = budget.beforeModelCall(estimate);
      if (!gate.allowed()) {
        return finishWithBestDraft(gate.exhausted());
      }
      if (forcedBy == null) {
        forcedBy = gate.last();
      }
      boolean finalCall = forcedBy != null;
      List<BudgetTracker.Warning> warnings = budget.newWarnings();
      for (BudgetTracker.Warning warning : warnings) {
        s.listener().onBudgetWarning(scope.runId, warning.kind().label(), warning.fractionUsed());
      }
      if (finalCall) {
        messages.add(
            Message.user(
                Template.render(s.prompts().finalAnswer(), Map.of("budget", label(forcedBy)))));
      } else if (!warnings.isEmpty() && !warnedModel) {
        BudgetTracker.Warning first = warnings.get(0);
        messages.add(
            Message.user(
                Template.render(
                    s.prompts().budgetWarning(),
                    Map.of(
                        "budget",
                        label(first.kind()),
                        "percent",
                        String.valueOf(Math.round(first.fractionUsed() * 100))))));
        warnedModel = true;
      }
      ChatRequest request = actRequest(finalCall);
      boolean rewritten = historyRewritten;
      historyRewritten = false;
      Call call =
          callModel(
              StepKind.MODEL,
              request,
              rewritten,
              estimator.estimate(request.messages(), request.tools()),
              false);
      if (call.replayed()) {
        // Resuming: continue the conversation exactly as recorded (the loop rebuilt the same
        // messages unless prompts changed since; the record is what the model saw).
        messages = new ArrayList<>(call.request().messages());
      }
      Message reply = withUsableCallIds(call.response().message(), call.index());
      recordModelStep(call, null, summarize(call.response(), finalCall));
      messages.add(reply);
      if (!finalCall && reply.hasToolCalls()) {
        BudgetTracker.Kind spent = runTools(reply.toolCalls());
        if (spent != null) {
          forcedBy = spent;
        }
        continue;
      }
      String content = ReasoningText.split(reply.content()).answer();
      if (content.isBlank()) {
        if (finalCall) {
          return finishWithBestDraft(forcedBy);
        }
        if (++emptyReplies > 2) {
          throw RunStop.failed("the model returned an empty reply three times in a row");
        }
        messages.add(Message.user(EMPTY_REPLY));
        continue;
      }
      emptyReplies = 0;
      Draft draft = Draft.parse(content);
      if (finalCall) {
        bestDraft = draft;
        bestCheck = verify(draft);
        return finish(bestCheck, forcedBy.stopReason());
      }
      if (call.response().finishReason() == FinishReason.LENGTH && cutOffs++ < 1) {
        bestDraft = draft;
        bestCheck = null;
        messages.add(Message.user(CUT_OFF));
        continue;
      }
      DraftCheck.Checked checked = verify(draft);
      bestDraft = draft;
      bestCheck = checked;
      boolean citesNothing =
          s.verification().enabled() && !s.toolSpecs().isEmpty() && draft.claims().isEmpty();
      if (s.verification().enabled()
          && (checked.hasProblems() || citesNothing)
          && verificationRound < s.verification().maxRounds()) {
        verificationRound++;
        messages.add(
            Message.user(
                citesNothing
                    ? NO_CITATIONS
                    : Template.render(
                        s.prompts().verificationFeedback(),
                        Map.of("problems", DraftCheck.describe(checked.problems())))));
        continue;
      }
      return finish(checked, StopReason.COMPLETED);
    }
  }

  private ChatRequest actRequest(boolean finalCall) {
    boolean tools = !s.toolSpecs().isEmpty();
    return ChatRequest.builder()
        .messages(messages)
        .tools(s.toolSpecs())
        .toolChoice(finalCall && tools ? ToolChoice.NONE : ToolChoice.AUTO)
        .parallelToolCalls(tools && !finalCall ? s.maxParallelToolCalls() > 1 : null)
        .build();
  }

  // ------------------------------------------------------------------ planning

  private String plan(String system) {
    AuxModel model = new AuxModel(StepKind.PLAN);
    ChatRequest request =
        StructuredOutput.withSchemaFormat(
            ChatRequest.builder()
                .addMessage(Message.system(system))
                .addMessage(Message.user(taskText("") + "\n\n" + s.prompts().plan()))
                .build(),
            PLAN_FORMAT_NAME,
            ResearchPlan.class);
    try {
      ResearchPlan plan =
          StructuredOutput.ofDefaults().ask(model, request, ResearchPlan.class).value();
      model.finish(JSON.valueToTree(plan), "planned " + plan.size() + " sub-questions");
      return plan.render();
    } catch (ResearchException e) {
      ObjectNode data = NODES.objectNode().put("error", e.getMessage());
      model.finish(data, "planning failed; researching without a plan");
      return "";
    }
  }

  private String taskText(String plan) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("question", scope.task.question());
    values.put("instructions", scope.task.instructions());
    values.put("output_format", scope.task.outputFormat());
    values.put("plan", plan);
    return Template.render(s.prompts().task(), values);
  }

  // ------------------------------------------------------------------ tools

  /** Runs one batch; returns the tool-call budget when it is now spent, else {@code null}. */
  private BudgetTracker.Kind runTools(List<ToolCall> calls) {
    int index = beginStep(StepKind.TOOLS);
    boolean timeUp;
    List<ToolCall> toRun;
    List<ToolCall> skipped;
    Instant started;
    List<ToolRunner.Result> results;
    if (resumption != null && resumption.replays(index)) {
      Step recorded = resumption.expect(index, StepKind.TOOLS, false);
      timeUp = "time".equals(recorded.data().path("skipped_because").asText());
      skipped = Resumption.skipped(recorded, calls);
      toRun = calls.stream().filter(c -> !skipped.contains(c)).toList();
      started = recorded.startedAt();
      results = toolRunner.replay(recorded, resumption);
    } else {
      timeUp = budget.timeExhausted();
      long allowed = timeUp ? 0 : budget.remainingToolCalls();
      toRun = calls.subList(0, (int) Math.min(calls.size(), allowed));
      skipped = calls.subList(toRun.size(), calls.size());
      started = s.clock().instant();
      results = toRun.isEmpty() ? List.of() : toolRunner.run(toRun, budget.remainingTime());
    }
    budget.recordToolCalls(toRun.size());
    ObjectNode data = NODES.objectNode();
    ObjectNode errors = NODES.objectNode();
    ObjectNode shown = NODES.objectNode();
    List<ToolExecution> executions = new ArrayList<>();
    int failed = 0;
    for (ToolRunner.Result result : results) {
      executions.add(result.execution());
      if (result.execution().status().isFailure()) {
        failed++;
      }
      if (!result.detail().isEmpty()) {
        errors.put(result.execution().call().id(), result.detail());
      }
      if (!result.modelText().equals(result.execution().result().content())) {
        // The model saw less than the full result; keep what it saw, so a resumed run can
        // rebuild the conversation without running the tool again.
        shown.put(result.execution().call().id(), result.modelText());
      }
    }
    if (!errors.isEmpty()) {
      data.set("errors", errors);
    }
    if (!shown.isEmpty()) {
      data.set("shown", shown);
    }
    if (!skipped.isEmpty()) {
      ArrayNode ids = data.putArray("skipped");
      skipped.forEach(c -> ids.add(c.id()));
      data.put("skipped_because", timeUp ? "time" : "tool_calls");
    }
    String summary =
        "ran "
            + toRun.size()
            + " tool call"
            + (toRun.size() == 1 ? "" : "s")
            + (failed > 0 ? ", " + failed + " failed" : "")
            + (skipped.isEmpty() ? "" : ", skipped " + skipped.size() + " (budget)");
    record(
        new Step(
            index,
            StepKind.TOOLS,
            started,
            s.clock().instant(),
            null,
            executions,
            Usage.ZERO,
            summary,
            data.isEmpty() ? null : data,
            ""));
    for (ToolRunner.Result result : results) {
      ToolCall call = result.execution().call();
      messages.add(Message.tool(call.id(), call.name(), result.modelText()));
    }
    for (ToolCall call : skipped) {
      messages.add(
          Message.tool(
              call.id(),
              call.name(),
              "Not run: "
                  + (timeUp
                      ? "the run's time budget is spent."
                      : "the run's tool-call budget of "
                          + s.budget().maxToolCalls()
                          + " calls is spent.")
                  + " Write your final answer from what you have."));
    }
    scope.checkCancelled();
    for (ToolRunner.Result result : results) {
      if (toolRunner.failsRun(result)) {
        ToolExecution execution = result.execution();
        throw RunStop.failed(
            "tool "
                + execution.call().name()
                + " failed ("
                + execution.status().name().toLowerCase(Locale.ROOT)
                + "): "
                + result.modelText());
      }
    }
    return budget.remainingToolCalls() == 0 ? BudgetTracker.Kind.TOOL_CALLS : null;
  }

  /** The reply with every tool call given a usable id (some servers send none or repeat one). */
  private static Message withUsableCallIds(Message reply, int stepIndex) {
    if (!reply.hasToolCalls()) {
      return reply;
    }
    Set<String> seen = new HashSet<>();
    List<ToolCall> calls = new ArrayList<>();
    boolean changed = false;
    int n = 0;
    for (ToolCall call : reply.toolCalls()) {
      n++;
      if (call.id().isBlank() || !seen.add(call.id())) {
        call = new ToolCall("call_" + stepIndex + "_" + n, call.name(), call.arguments());
        seen.add(call.id());
        changed = true;
      }
      calls.add(call);
    }
    return changed
        ? new Message(
            reply.role(),
            reply.content(),
            reply.reasoning(),
            calls,
            reply.toolCallId(),
            reply.name())
        : reply;
  }

  // ------------------------------------------------------------------ verification

  private DraftCheck.Checked verify(Draft draft) {
    boolean enabled = s.verification().enabled();
    AuxModel model = new AuxModel(StepKind.VERIFY);
    Function<List<Verifier.Claim>, List<Verifier.Verdict>> modelCheck = null;
    if (enabled) {
      modelCheck =
          claims -> {
            Map<String, Source> cited = new LinkedHashMap<>();
            for (Verifier.Claim claim : claims) {
              for (String id : claim.sourceIds()) {
                scope.sources.byId(id).ifPresent(source -> cited.put(id, source));
              }
            }
            try {
              List<Verifier.Verdict> verdicts =
                  s.verification()
                      .verifier()
                      .verify(
                          new Verifier.Request(
                              scope.task, claims, cited, model, s.prompts().verifier()));
              return verdicts == null ? List.of() : verdicts;
            } catch (RunStop stop) {
              throw stop;
            } catch (RuntimeException e) {
              // A broken verifier leaves claims unverified; it never fails the run.
              LOG.warn("run {}: verifier threw; claims stay unverified", scope.runId, e);
              return List.of();
            }
          };
    }
    DraftCheck.Checked checked = DraftCheck.check(draft, scope.sources, modelCheck);
    scope.checkCancelled();
    if (enabled || checked.hasProblems()) {
      verificationRoundData(checked, model);
    }
    return checked;
  }

  private void verificationRoundData(DraftCheck.Checked checked, AuxModel model) {
    ObjectNode data = NODES.objectNode();
    data.put("round", verificationRound + 1);
    data.put("claims", checked.draft().claims().size());
    ArrayNode citations = data.putArray("citations");
    int unsupported = 0;
    int unknown = 0;
    for (Citation citation : checked.citations()) {
      ObjectNode c = citations.addObject();
      c.put("source_id", citation.sourceId());
      c.put("claim", citation.claim());
      c.put("support", citation.support().name());
      if (!citation.note().isEmpty()) {
        c.put("note", citation.note());
      }
      if (citation.support() == Citation.Support.UNSUPPORTED) {
        unsupported++;
      } else if (citation.support() == Citation.Support.UNKNOWN_SOURCE) {
        unknown++;
      }
    }
    ArrayNode problems = data.putArray("problems");
    for (DraftCheck.Problem problem : checked.problems()) {
      problems.addObject().put("claim", problem.claim()).put("issue", problem.issue());
    }
    model.finish(
        data,
        checked.problems().size()
            + " of "
            + checked.draft().claims().size()
            + " claims with problems ("
            + unsupported
            + " unsupported citations, "
            + unknown
            + " unknown sources)");
  }

  // ------------------------------------------------------------------ context

  private long compactIfNeeded() {
    ContextManagement context = s.context();
    long estimate = estimator.estimate(messages, s.toolSpecs());
    // Judge the window in provider tokens: the estimate scaled by what the provider counted.
    double scale = budget.inputScale();
    int window = modelInfo().contextWindow();
    boolean nearLimit = estimate * scale > window * context.threshold();
    // Far from the limit, compact only once enough stale tool results can go (see
    // ContextManagement): clearing a little every turn would defeat provider prompt caches.
    boolean stale =
        !nearLimit
            && context.staleResultTokens() > 0
            && reclaimableTokens(context.policy()) >= context.staleResultTokens();
    if (!nearLimit && !stale) {
      return estimate;
    }
    long toolTokens = estimator.estimate(List.of(), s.toolSpecs());
    long target = Math.max(1, (long) (window * context.target() / scale) - toolTokens);
    if (stale) {
      // Clearing the stale results is the whole job: nothing recent needs to go yet.
      target = Math.max(target, estimate);
    }
    AuxModel model = new AuxModel(StepKind.COMPACTION);
    List<Message> compacted;
    try {
      compacted =
          context
              .policy()
              .compact(
                  new CompactionRequest(
                      messages,
                      estimate,
                      target,
                      estimator,
                      scope.sources.byIdMap(),
                      model,
                      s.prompts().summary()));
    } catch (RunStop stop) {
      throw stop;
    } catch (RuntimeException e) {
      LOG.warn("run {}: context policy threw; history left as it was", scope.runId, e);
      compacted = messages;
    }
    if (compacted == null
        || compacted.isEmpty()
        || compacted.get(0).role() != messages.get(0).role()) {
      LOG.warn("run {}: context policy returned an unusable history; ignored", scope.runId);
      compacted = messages;
    }
    boolean changed = !compacted.equals(messages);
    long after = estimator.estimate(compacted, s.toolSpecs());
    if (changed) {
      messages = new ArrayList<>(compacted);
      historyRewritten = true;
      s.listener().onCompaction(scope.runId, estimate, after);
      ObjectNode data = NODES.objectNode();
      data.put("tokens_before", estimate);
      data.put("tokens_after", after);
      data.put("context_window", window);
      data.put("messages", compacted.size());
      data.put("policy", context.policy().getClass().getSimpleName());
      data.put("trigger", nearLimit ? "window" : "stale_results");
      model.finish(data, "compacted history from ~" + estimate + " to ~" + after + " tokens");
    } else {
      model.finish(null, "");
    }
    return after;
  }

  /** What the policy could clear now; a policy that throws is taken as able to clear nothing. */
  private long reclaimableTokens(ContextPolicy policy) {
    try {
      return policy.reclaimableTokens(messages, estimator);
    } catch (RuntimeException e) {
      LOG.warn(
          "run {}: context policy threw while sizing stale results; not compacted", scope.runId, e);
      return 0;
    }
  }

  // ------------------------------------------------------------------ model calls

  /** A {@link ChatModel} for planning, verification and summaries: budgeted and recorded. */
  private final class AuxModel implements ChatModel {
    private final StepKind kind;

    AuxModel(StepKind kind) {
      this.kind = kind;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
      return chat(request, ChatObserver.NONE);
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatObserver observer) {
      synchronized (Run.this) {
        flushPendingAux(null, "");
        long estimate = estimator.estimate(request.messages(), request.tools());
        BudgetTracker.Kind spent = budget.beforeAuxiliaryCall(estimate);
        if (spent != null) {
          throw new BudgetSpentException(spent);
        }
        Call call = callModel(kind, request, false, estimate, true);
        pendingAuxCall = call;
        return call.response();
      }
    }

    @Override
    public ModelInfo info() {
      return modelInfo();
    }

    /**
     * Records the last call of this phase with {@code data}, or a step holding only the data when
     * the phase made no call.
     */
    void finish(JsonNode data, String summary) {
      synchronized (Run.this) {
        if (pendingAuxCall != null && pendingAuxCall.kind() == kind) {
          flushPendingAux(data, summary);
        } else if (data != null) {
          int index = beginStep(kind);
          Instant now = s.clock().instant();
          record(new Step(index, kind, now, now, null, List.of(), Usage.ZERO, summary, data, ""));
        }
      }
    }
  }

  private synchronized void flushPendingAux(JsonNode data, String summary) {
    Call call = pendingAuxCall;
    if (call != null) {
      pendingAuxCall = null;
      recordModelStep(call, data, summary.isEmpty() ? summarize(call.response(), false) : summary);
    }
  }

  private Call callModel(
      StepKind kind, ChatRequest request, boolean rewritten, long promptEstimate, boolean aux) {
    scope.checkCancelled();
    Integer cap = budget.outputCap();
    ChatRequest sent = cap == null ? request : withMaxTokens(request, cap);
    int index = beginStep(kind);
    if (resumption != null && resumption.replays(index)) {
      return replayCall(index, kind, aux);
    }
    Instant started = s.clock().instant();
    s.listener().onModelCall(scope.runId, sent);
    ChatObserver observer =
        new ChatObserver() {
          @Override
          public void onTextDelta(String delta) {
            s.listener().onModelDelta(scope.runId, delta);
          }

          @Override
          public void onRetry(RetryAttempt retry) {
            s.listener().onRetry(scope.runId, "model", retry);
          }
        };
    FutureTask<ChatResponse> future = new FutureTask<>(() -> s.model().chat(sent, observer));
    if (!scope.track(future)) {
      recordCallError(
          index, kind, started, "the run was cancelled before the model call", null, "cancelled");
      throw RunStop.cancelled();
    }
    ChatResponse response;
    try {
      s.executor().execute(future);
      Duration left = budget.remainingTime();
      response =
          left.compareTo(FOREVER) > 0
              ? future.get()
              : future.get(Math.max(1, left.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      recordCallError(index, kind, started, "the executor rejected the model call", e, "rejected");
      throw RunStop.failed("the executor rejected the model call: " + e.getMessage());
    } catch (TimeoutException e) {
      future.cancel(true);
      budget.recordModelCall(Usage.ZERO, 0, 0, Duration.between(started, s.clock().instant()));
      recordCallError(
          index,
          kind,
          started,
          "the model call was stopped: the time budget ran out",
          e,
          "timeout");
      throw RunStop.budget(BudgetTracker.Kind.TIME);
    } catch (InterruptedException e) {
      scope.markInterrupted();
      scope.cancel();
      future.cancel(true);
      recordCallError(
          index, kind, started, "the run was cancelled during the model call", null, "cancelled");
      throw RunStop.cancelled();
    } catch (CancellationException e) {
      recordCallError(
          index, kind, started, "the run was cancelled during the model call", null, "cancelled");
      throw RunStop.cancelled();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      budget.recordModelCall(Usage.ZERO, 0, 0, Duration.between(started, s.clock().instant()));
      recordCallError(
          index,
          kind,
          started,
          "model call failed: " + describe(cause),
          cause,
          scope.isCancelled() ? "cancelled" : "failed");
      if (scope.isCancelled()) {
        throw RunStop.cancelled();
      }
      if (aux && cause instanceof ResearchException research) {
        throw research;
      }
      throw RunStop.failed("model call failed: " + describe(cause));
    } finally {
      scope.untrack(future);
    }
    Instant ended = s.clock().instant();
    budget.recordModelCall(
        response.usage(),
        promptEstimate,
        outputEstimate(response),
        Duration.between(started, ended));
    return new Call(index, kind, sent, response, started, ended, rewritten, false);
  }

  /** A model call of a resumed run that its record already holds: answered from the record. */
  private Call replayCall(int index, StepKind kind, boolean aux) {
    Step recorded = resumption.expect(index, kind, true);
    if (recorded.kind() == StepKind.ERROR) {
      String failure = Resumption.callFailure(recorded);
      if (failure.equals("failed") || failure.equals("timeout")) {
        budget.recordModelCall(Usage.ZERO, 0, 0, recorded.duration());
      }
      record(recorded);
      switch (failure) {
        case "timeout" -> throw RunStop.budget(BudgetTracker.Kind.TIME);
        case "cancelled" -> throw RunStop.cancelled();
        default -> {
          if (aux && recorded.data().has("retryable")) {
            throw Resumption.failure(recorded);
          }
          throw RunStop.failed(recorded.error());
        }
      }
    }
    ModelCall call = recorded.modelCall();
    if (call == null) {
      throw resumption.diverged("step " + index + " was recorded without its model call");
    }
    ChatRequest request = call.request();
    ChatResponse response = call.response();
    budget.recordModelCall(
        response.usage(),
        estimator.estimate(request.messages(), request.tools()),
        outputEstimate(response),
        recorded.duration());
    resumption.replayed(recorded);
    return new Call(
        index,
        kind,
        request,
        response,
        recorded.startedAt(),
        recorded.endedAt(),
        call.historyRewritten(),
        true);
  }

  private static ChatRequest withMaxTokens(ChatRequest request, int cap) {
    Integer current = request.options().maxTokens();
    if (current != null && current <= cap) {
      return request;
    }
    ChatOptions options = request.options().toBuilder().maxTokens(cap).build();
    return request.toBuilder().options(options).build();
  }

  private long outputEstimate(ChatResponse response) {
    Message message = response.message();
    long tokens = estimator.estimate(message.content()) + estimator.estimate(message.reasoning());
    for (ToolCall call : message.toolCalls()) {
      tokens += estimator.estimate(call.name()) + estimator.estimate(call.arguments());
    }
    return tokens;
  }

  // ------------------------------------------------------------------ finishing

  private Outcome finish(DraftCheck.Checked checked, StopReason reason) {
    DraftCheck.Assembled assembled =
        DraftCheck.assemble(checked, s.verification().unsupportedClaims(), scope.sources);
    return new Outcome(
        assembled.answer(),
        assembled.report(),
        assembled.sources(),
        assembled.citations(),
        reason,
        "");
  }

  private Outcome finishWithBestDraft(BudgetTracker.Kind kind) {
    if (bestDraft == null) {
      return new Outcome(
          "",
          "",
          List.of(),
          List.of(),
          kind.stopReason(),
          "the " + label(kind) + " budget ran out before the agent wrote an answer");
    }
    DraftCheck.Checked checked =
        bestCheck != null ? bestCheck : DraftCheck.check(bestDraft, scope.sources, null);
    return finish(checked, kind.stopReason());
  }

  private Outcome stopped(RunStop stop) {
    if (stop.reason().isBudget()) {
      return finishWithBestDraft(BudgetTracker.Kind.of(stop.reason()));
    }
    return withBestDraft(
        stop.reason(),
        stop.reason() == StopReason.CANCELLED ? "cancelled by the caller" : stop.getMessage());
  }

  private Outcome withBestDraft(StopReason reason, String error) {
    if (bestDraft == null) {
      return new Outcome("", "", List.of(), List.of(), reason, error);
    }
    DraftCheck.Checked checked =
        bestCheck != null ? bestCheck : DraftCheck.check(bestDraft, scope.sources, null);
    Outcome outcome = finish(checked, reason);
    return new Outcome(
        outcome.answer(), outcome.report(), outcome.sources(), outcome.citations(), reason, error);
  }

  private void recordFinal(Outcome outcome) {
    int index = beginStep(StepKind.FINAL);
    Instant now = s.clock().instant();
    ObjectNode data = NODES.objectNode();
    data.put("stop_reason", outcome.stopReason().name());
    data.put("answer", outcome.answer());
    ArrayNode cited = data.putArray("cited_source_ids");
    outcome.sources().forEach(source -> cited.add(source.id()));
    data.put("sources_seen", scope.sources.size());
    data.put("unsupported_citations", outcome.unsupportedCitations().size());
    data.put("verification_rounds", verificationRound);
    String summary =
        outcome.stopReason().name().toLowerCase(Locale.ROOT)
            + (outcome.hasAnswer()
                ? "; " + outcome.sources().size() + " sources cited"
                : "; no answer")
            + (outcome.unsupportedCitations().isEmpty()
                ? ""
                : "; " + outcome.unsupportedCitations().size() + " unsupported citations");
    record(
        new Step(
            index,
            StepKind.FINAL,
            now,
            now,
            null,
            List.of(),
            Usage.ZERO,
            summary,
            data,
            outcome.error()));
  }

  // ------------------------------------------------------------------ recording

  private synchronized int beginStep(StepKind kind) {
    flushPendingAux(null, "");
    int index = steps.size();
    if (resumption != null && !resumption.isLive()) {
      if (index < resumption.recordedSteps().size()) {
        Duration down = resumption.downtimeBefore(index);
        budget.pause(down);
        resumption.addDowntime(down);
      } else {
        goLive();
      }
    }
    s.listener().onStepStarted(scope.runId, index, kind);
    return index;
  }

  /**
   * A resumed run caught up with its record: from now on it runs live. The time the process was
   * down is left out of the time budget, and the sinks learn of the resume.
   */
  private void goLive() {
    int kept = resumption.recordedSteps().size();
    Duration gap = resumption.clock.goLive();
    Duration down = gap.plus(resumption.downtimeBefore(kept));
    budget.pause(down);
    resumption.addDowntime(down);
    sinks.onResume(
        resumption.header(),
        resumption.recordedSteps(),
        new TrajectoryResume(s.clock().instant(), kept, gap, s.sdkVersion()));
    resumption.listener.open();
    LOG.info("run {}: resumed after {} recorded steps", scope.runId, kept);
  }

  private synchronized void record(Step step) {
    if (resumption != null && resumption.replays(step.index())) {
      Step recorded = resumption.expect(step.index(), step.kind(), false);
      steps.add(recorded);
      resumption.replayed(recorded);
      return;
    }
    Step recorded =
        step.data().isNull()
            ? step
            : new Step(
                step.index(),
                step.kind(),
                step.startedAt(),
                step.endedAt(),
                step.modelCall(),
                step.toolExecutions(),
                step.usage(),
                step.summary(),
                asRead(step.data()),
                step.error());
    steps.add(recorded);
    sinks.onStep(recorded);
    s.listener().onStepFinished(scope.runId, recorded);
  }

  /**
   * {@code data} as it reads back from JSON, so the returned trajectory equals the one read from
   * its file (a long written as 3 reads back as an int node, and nodes of different types are not
   * equal).
   */
  private static JsonNode asRead(JsonNode data) {
    try {
      return JSON.readTree(JSON.writeValueAsString(data));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("step data is not serialisable as JSON", e);
    }
  }

  private void recordModelStep(Call call, JsonNode data, String summary) {
    record(
        new Step(
            call.index(),
            call.kind(),
            call.startedAt(),
            call.endedAt(),
            new ModelCall(call.request(), call.response(), call.historyRewritten()),
            List.of(),
            call.response().usage(),
            summary,
            data,
            ""));
  }

  private void recordError(StepKind kind, String message, Throwable error) {
    int index = beginStep(kind);
    recordError(index, kind, s.clock().instant(), message, error);
  }

  private void recordError(
      int index, StepKind during, Instant started, String message, Throwable error) {
    recordCallError(index, during, started, message, error, null);
  }

  /**
   * Records an error step; {@code callFailure} says how a failed model call ended ({@code failed},
   * {@code timeout}, {@code cancelled}, {@code rejected}), which a resumed run needs to end the
   * call the same way, or is {@code null} for other errors.
   */
  private void recordCallError(
      int index,
      StepKind during,
      Instant started,
      String message,
      Throwable error,
      String callFailure) {
    ObjectNode data = NODES.objectNode();
    data.put("during", during.name());
    if (callFailure != null) {
      data.put("call_failure", callFailure);
      if (error != null && error.getMessage() != null) {
        data.put("error_message", error.getMessage());
      }
    }
    if (error != null) {
      data.put("error_type", error.getClass().getName());
      if (error instanceof ResearchException research) {
        data.put("retryable", research.isRetryable());
        if (research.statusCode() != 0) {
          data.put("status_code", research.statusCode());
        }
        if (!research.provider().isEmpty()) {
          data.put("provider", research.provider());
        }
        if (!research.errorCode().isEmpty()) {
          data.put("error_code", research.errorCode());
        }
      }
    }
    record(
        new Step(
            index,
            StepKind.ERROR,
            started,
            s.clock().instant(),
            null,
            List.of(),
            Usage.ZERO,
            message,
            data,
            message));
  }

  // ------------------------------------------------------------------ helpers

  private ModelInfo modelInfo() {
    ModelInfo info;
    try {
      info = s.model().info();
    } catch (RuntimeException e) {
      return ModelInfo.of("unknown", s.model().getClass().getSimpleName());
    }
    if (info.parameters().keySet().stream().noneMatch(Run::looksSecret)) {
      return info;
    }
    // ModelInfo promises no secrets; a client that breaks the promise still must not leak them.
    Map<String, Object> safe = new LinkedHashMap<>(info.parameters());
    safe.keySet().removeIf(Run::looksSecret);
    return new ModelInfo(info.provider(), info.model(), info.contextWindow(), safe);
  }

  private static boolean looksSecret(String key) {
    return SECRET_KEY.matcher(key).find();
  }

  private String today() {
    LocalDate date = LocalDate.now(s.clock());
    String day = date.getDayOfWeek().name();
    return date + " (" + day.charAt(0) + day.substring(1).toLowerCase(Locale.ROOT) + ")";
  }

  private static String label(BudgetTracker.Kind kind) {
    return kind.label().replace('_', ' ');
  }

  private static String summarize(ChatResponse response, boolean finalCall) {
    List<ToolCall> calls = response.toolCalls();
    if (!calls.isEmpty() && !finalCall) {
      Map<String, Integer> counts = new LinkedHashMap<>();
      calls.forEach(c -> counts.merge(c.name(), 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      counts.forEach((name, n) -> parts.add(n == 1 ? name : name + " ×" + n));
      return "asked for "
          + calls.size()
          + " tool call"
          + (calls.size() == 1 ? "" : "s")
          + ": "
          + String.join(", ", parts);
    }
    if (response.text().isBlank()) {
      return "empty reply";
    }
    return (finalCall ? "wrote the final answer (" : "wrote a reply (")
        + response.text().length()
        + " characters)";
  }

  private static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank()
        ? error.getClass().getSimpleName()
        : error.getClass().getSimpleName() + ": " + message;
  }
}
