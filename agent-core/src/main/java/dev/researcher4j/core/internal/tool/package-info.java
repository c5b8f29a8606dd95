/**
 * Running a run's tool calls: binding each tool to its policy (retries, circuit breaker), checking
 * calls (known tool, arguments against the schema, repeats), running batches in parallel, and
 * turning every outcome into an observation for the model. Internal: not API.
 */
package dev.researcher4j.core.internal.tool;
