/**
 * HTTP and resilience plumbing shared by researcher4j's clients. Internal: not part of the API and
 * may change without notice.
 */
package dev.researcher4j.core.internal.http;
