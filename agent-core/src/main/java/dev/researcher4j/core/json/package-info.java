/**
 * JSON helpers for model-facing code: JSON Schemas generated from Java types ({@link
 * dev.researcher4j.core.json.JsonSchemas}, described with {@link
 * dev.researcher4j.core.json.Description}) and typed objects read from model replies ({@link
 * dev.researcher4j.core.json.StructuredOutput}).
 */
package dev.researcher4j.core.json;
