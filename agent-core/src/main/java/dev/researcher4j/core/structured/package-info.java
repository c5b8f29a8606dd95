/**
 * Typed, cited results: {@link dev.researcher4j.core.ResearchAgent#run(dev.researcher4j.api.Task,
 * Class)} fills a record (or any JSON Schema, through {@link
 * dev.researcher4j.api.Task.Builder#outputSchema}) and returns it with, for every field, the ids of
 * the sources it rests on; fields the verifier could not back are flagged.
 */
package dev.researcher4j.core.structured;
