/**
 * The stages of a run that return values to it: planning, verification, compaction and finishing.
 * Stages make their own model calls through a {@link
 * dev.researcher4j.core.internal.stage.StageModel} (recorded, checked against a copy of the budget)
 * and never call back into the loop. Internal: not API.
 */
package dev.researcher4j.core.internal.stage;
