/**
 * Resilience settings shared by every HTTP client of researcher4j (model providers, search and
 * scholarly APIs, page fetching) and by tool policies: retry with backoff and {@code Retry-After},
 * circuit breaking, and an injectable {@link dev.researcher4j.api.Sleeper} so tests never wait for
 * real.
 */
package dev.researcher4j.core.http;
