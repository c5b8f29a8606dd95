/**
 * Anthropic's Messages API as a researcher4j {@link dev.researcher4j.api.ChatModel}: {@link
 * dev.researcher4j.model.anthropic.AnthropicChatModel}.
 */
package dev.researcher4j.model.anthropic;
