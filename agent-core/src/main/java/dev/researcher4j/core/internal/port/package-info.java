/**
 * The ports through which a run's side effects go: model calls ({@link
 * dev.researcher4j.core.internal.port.ModelGateway}), tool batches ({@link
 * dev.researcher4j.core.internal.port.ToolExecutor}) and the record of steps ({@link
 * dev.researcher4j.core.internal.port.Recorder}). The loop that decides what to do next never
 * touches them; the run that drives it does, and a resumed run puts replaying decorators in front
 * of them. Internal: not API.
 */
package dev.researcher4j.core.internal.port;
