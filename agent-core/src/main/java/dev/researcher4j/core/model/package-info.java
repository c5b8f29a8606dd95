/**
 * Chat model clients: {@link dev.researcher4j.core.model.OpenAiChatModel} for any OpenAI-compatible
 * Chat Completions endpoint, and the {@link dev.researcher4j.core.model.PriceTable} that turns its
 * token counts into money.
 */
package dev.researcher4j.core.model;
