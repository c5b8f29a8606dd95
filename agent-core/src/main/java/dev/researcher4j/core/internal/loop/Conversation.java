package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolChoice;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.context.ContextPolicy;
import dev.researcher4j.core.context.TokenEstimator;
import dev.researcher4j.core.internal.structured.SourcedJson;
import dev.researcher4j.core.json.StructuredOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop's conversation with the model: the messages so far, the requests made from them, their
 * estimated size, and whether the history must be compacted. Part of the {@link Loop}'s state.
 */
final class Conversation {

  private static final Logger LOG = LoggerFactory.getLogger(Conversation.class);

  private final LoopSettings s;
  private final TokenEstimator estimator;

  /**
   * The tool specs' estimated tokens, worked out once: they are the same in every request, and
   * estimating them means serialising each schema.
   */
  private final long toolTokens;

  private List<Message> messages = new ArrayList<>();
  private boolean rewritten;

  Conversation(LoopSettings settings) {
    this.s = settings;
    this.estimator = settings.context().estimator();
    this.toolTokens = estimator.estimate(List.of(), settings.toolSpecs());
  }

  /** The planning request: the system prompt, the task and the planning prompt. */
  ChatRequest planRequest() {
    return StructuredOutput.withSchemaFormat(
        ChatRequest.builder()
            .addMessage(Message.system(s.systemPrompt()))
            .addMessage(Message.user(taskText("") + "\n\n" + s.prompts().plan()))
            .build(),
        Loop.PLAN_FORMAT_NAME,
        ResearchPlan.class);
  }

  /** Starts the conversation: the system prompt and the task, with the plan when there is one. */
  void begin(String plan) {
    messages.add(Message.system(s.systemPrompt()));
    messages.add(Message.user(taskText(plan)));
  }

  private String taskText(String plan) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("question", s.task().question());
    values.put("instructions", s.task().instructions());
    values.put("output_format", s.task().outputFormat());
    values.put("plan", plan);
    String text = Template.render(s.prompts().task(), values);
    if (s.task().hasOutputSchema()) {
      String schema = SourcedJson.withSources(s.task().outputSchema()).toPrettyString();
      text += "\n\n" + Template.render(s.prompts().structuredAnswer(), Map.of("schema", schema));
    }
    return text;
  }

  void add(Message message) {
    messages.add(message);
  }

  void addUser(String text) {
    messages.add(Message.user(text));
  }

  /** Continues from {@code recorded}, the conversation a replayed call was recorded with. */
  void adopt(List<Message> recorded) {
    messages = new ArrayList<>(recorded);
  }

  /** Replaces the history with its compacted form. */
  void replace(List<Message> compacted) {
    messages = new ArrayList<>(compacted);
    rewritten = true;
  }

  /** Whether the history was rewritten since the last request; clears the flag. */
  boolean takeRewritten() {
    boolean was = rewritten;
    rewritten = false;
    return was;
  }

  /**
   * The next act request.
   *
   * @param finalCall whether it asks for the final answer (tools are offered, but not to be called)
   * @param withoutTools whether to leave the tools out of the request altogether
   */
  ChatRequest actRequest(boolean finalCall, boolean withoutTools) {
    boolean tools = !s.toolSpecs().isEmpty() && !withoutTools;
    return ChatRequest.builder()
        .messages(messages)
        .tools(tools ? s.toolSpecs() : List.of())
        .toolChoice(!tools ? ToolChoice.AUTO : finalCall ? ToolChoice.NONE : ToolChoice.AUTO)
        .parallelToolCalls(tools && !finalCall ? s.maxParallelToolCalls() > 1 : null)
        .build();
  }

  /** The estimated prompt tokens of the conversation with the tool specs. */
  long estimate() {
    return estimator.estimate(messages, List.of()) + toolTokens;
  }

  long estimate(ChatRequest request) {
    if (request.tools().equals(s.toolSpecs())) {
      return estimator.estimate(request.messages(), List.of()) + toolTokens;
    }
    return estimator.estimate(request.messages(), request.tools());
  }

  /**
   * The compaction the history needs before the next call, or {@code null}: near the context window
   * (judged in provider tokens, the estimate scaled by what the provider counted), or when enough
   * stale tool results can go.
   */
  Action.Compact compaction(long estimate, double scale) {
    ContextManagement context = s.context();
    int window = s.contextWindow();
    boolean nearLimit = estimate * scale > window * context.threshold();
    // Far from the limit, compact only once enough stale tool results can go (see
    // ContextManagement): clearing a little every turn would defeat provider prompt caches.
    boolean stale =
        !nearLimit
            && context.staleResultTokens() > 0
            && reclaimableTokens(context.policy()) >= context.staleResultTokens();
    if (!nearLimit && !stale) {
      return null;
    }
    long target = Math.max(1, (long) (window * context.target() / scale) - toolTokens);
    if (stale) {
      // Clearing the stale results is the whole job: nothing recent needs to go yet.
      target = Math.max(target, estimate);
    }
    return new Action.Compact(
        messages, estimate, target, window, nearLimit ? "window" : "stale_results", null, null);
  }

  /** What the policy could clear now; a policy that throws is taken as able to clear nothing. */
  private long reclaimableTokens(ContextPolicy policy) {
    try {
      return policy.reclaimableTokens(messages, estimator);
    } catch (RuntimeException e) {
      LOG.warn("context policy threw while sizing stale results; not compacted: {}", e.toString());
      return 0;
    }
  }
}
