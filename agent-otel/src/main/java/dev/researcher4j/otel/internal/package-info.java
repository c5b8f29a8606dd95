/**
 * How {@link dev.researcher4j.otel.OpenTelemetryListener} records runs: the GenAI attribute keys,
 * span attributes, metrics, content capture and the open spans of each run. Internal: not part of
 * the API and may change without notice.
 */
package dev.researcher4j.otel.internal;
