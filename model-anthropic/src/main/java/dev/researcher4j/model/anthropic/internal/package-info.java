/**
 * The Anthropic Messages API wire format: request bodies, content blocks, response and stream
 * parsing, error mapping. Internal: not part of the API and may change without notice; use {@link
 * dev.researcher4j.model.anthropic.AnthropicChatModel}.
 */
package dev.researcher4j.model.anthropic.internal;
