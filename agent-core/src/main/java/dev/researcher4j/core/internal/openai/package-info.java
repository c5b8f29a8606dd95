/**
 * The OpenAI Chat Completions wire format: request bodies, response and stream parsing, error
 * mapping. Internal: not part of the API and may change without notice; use {@link
 * dev.researcher4j.core.model.OpenAiChatModel}.
 */
package dev.researcher4j.core.internal.openai;
