/**
 * The public contracts of researcher4j: what an {@link dev.researcher4j.api.Agent} is, what a
 * {@link dev.researcher4j.api.Tool} is, the {@link dev.researcher4j.api.ChatModel} port to a
 * language model, and the {@link dev.researcher4j.api.Trajectory} every run leaves behind.
 *
 * <p>Everything here is small, immutable and thread-safe unless a type says otherwise. Strings are
 * never {@code null} (an empty string means "absent") and collections are never {@code null}. The
 * one unchecked exception root is {@link dev.researcher4j.api.ResearchException}, split into a
 * {@link dev.researcher4j.api.RetryableException retryable} and a {@link
 * dev.researcher4j.api.NonRetryableException non-retryable} branch.
 *
 * <p>This module depends on Jackson databind only, for JSON values (tool arguments, schemas).
 */
package dev.researcher4j.api;
