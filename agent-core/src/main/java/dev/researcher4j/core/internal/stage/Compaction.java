package dev.researcher4j.core.internal.stage;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.context.CompactionRequest;
import dev.researcher4j.core.context.ContextManagement;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.loop.Action;
import dev.researcher4j.core.internal.loop.Event;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compaction stage: runs the context policy on the history. A policy that throws or returns an
 * unusable history leaves the history as it was; the trajectory always keeps the full record.
 */
public final class Compaction {
  private Compaction() {}

  private static final Logger LOG = LoggerFactory.getLogger(Compaction.class);

  /** Compacts {@code action}'s history with the policy of {@code context}. */
  public static Event.Compacted compact(
      Action.Compact action,
      StageModel model,
      ContextManagement context,
      SourceRegistry sources,
      List<ToolSpec> toolSpecs,
      String summaryPrompt) {
    List<Message> messages = action.messages();
    List<Message> compacted;
    try {
      compacted =
          context
              .policy()
              .compact(
                  new CompactionRequest(
                      messages,
                      action.estimatedTokens(),
                      action.targetTokens(),
                      context.estimator(),
                      sources.byIdMap(),
                      model,
                      summaryPrompt));
    } catch (StageModel.Stopped stopped) {
      return new Event.Compacted(
          null, action.estimatedTokens(), model.uses(), stopped.stop(), model.now());
    } catch (RuntimeException e) {
      LOG.warn("context policy threw; history left as it was: {}", e.toString());
      compacted = messages;
    }
    if (compacted == null
        || compacted.isEmpty()
        || compacted.get(0).role() != messages.get(0).role()) {
      LOG.warn("context policy returned an unusable history; ignored");
      compacted = messages;
    }
    long after = context.estimator().estimate(compacted, toolSpecs);
    if (compacted.equals(messages)) {
      model.finish(null, "");
      return new Event.Compacted(null, after, model.uses(), null, model.now());
    }
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("tokens_before", action.estimatedTokens());
    data.put("tokens_after", after);
    data.put("context_window", action.contextWindow());
    data.put("messages", compacted.size());
    data.put("policy", context.policy().getClass().getSimpleName());
    data.put("trigger", action.trigger());
    model.finish(
        data, "compacted history from ~" + action.estimatedTokens() + " to ~" + after + " tokens");
    return new Event.Compacted(compacted, after, model.uses(), null, model.now());
  }
}
