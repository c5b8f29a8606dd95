/**
 * OpenTelemetry traces and metrics of research runs: {@link
 * dev.researcher4j.otel.OpenTelemetryListener}, an {@link dev.researcher4j.api.AgentListener}
 * following the OpenTelemetry GenAI semantic conventions.
 */
package dev.researcher4j.otel;
