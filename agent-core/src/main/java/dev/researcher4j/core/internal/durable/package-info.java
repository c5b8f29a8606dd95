/**
 * How a run is driven through a durable-execution engine ({@link
 * dev.researcher4j.core.durable.Engine}): ports that hand each model call and tool call to the
 * engine, and the calls made on the engine's workers. Internal: not API.
 */
package dev.researcher4j.core.internal.durable;
