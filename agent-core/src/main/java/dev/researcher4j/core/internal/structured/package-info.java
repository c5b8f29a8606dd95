/**
 * Typed, cited answers: the JSON conventions ({@code _sources} and {@code _flags} in every object),
 * reading an answer, its fields and the claims they make. Not API.
 */
package dev.researcher4j.core.internal.structured;
