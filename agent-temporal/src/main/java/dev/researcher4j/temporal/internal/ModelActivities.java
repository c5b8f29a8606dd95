package dev.researcher4j.temporal.internal;

import dev.researcher4j.core.durable.ModelCallInput;
import dev.researcher4j.core.durable.ModelCallOutput;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** A research run's model calls, one activity each. */
@ActivityInterface
public interface ModelActivities {

  /** Makes one model call on this worker; a failed call is an output, not an exception. */
  @ActivityMethod(name = "ResearchModelCall")
  ModelCallOutput callModel(ModelCallInput input);
}
