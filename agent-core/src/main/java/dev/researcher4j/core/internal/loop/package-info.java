/**
 * The research loop's machinery: one {@code Run} per task, its source registry, budget tracker,
 * tool runner, draft parsing and report assembly. Not part of the API.
 */
package dev.researcher4j.core.internal.loop;
