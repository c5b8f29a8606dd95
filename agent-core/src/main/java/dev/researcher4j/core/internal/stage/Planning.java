package dev.researcher4j.core.internal.stage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.core.internal.loop.Action;
import dev.researcher4j.core.internal.loop.Event;
import dev.researcher4j.core.internal.loop.ResearchPlan;
import dev.researcher4j.core.json.StructuredOutput;

/**
 * The planning stage: asks the model for a research plan (structured output, asked once more when
 * the reply is not valid JSON). A plan that cannot be had is no reason to stop: the run researches
 * without one, and the record says why.
 */
public final class Planning {
  private Planning() {}

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Plans with {@code model}; the result goes back to the loop. */
  public static Event.Planned plan(Action.Plan action, StageModel model) {
    try {
      ResearchPlan plan =
          StructuredOutput.ofDefaults().ask(model, action.request(), ResearchPlan.class).value();
      model.finish(JSON.valueToTree(plan), "planned " + plan.size() + " sub-questions");
      return new Event.Planned(plan.render(), model.uses(), null, model.now());
    } catch (StageModel.Stopped stopped) {
      return new Event.Planned("", model.uses(), stopped.stop(), model.now());
    } catch (ResearchException e) {
      model.finish(
          JsonNodeFactory.instance.objectNode().put("error", e.getMessage()),
          "planning failed; researching without a plan");
      return new Event.Planned("", model.uses(), null, model.now());
    }
  }
}
