/**
 * Context management: estimating the tokens of a prompt ({@link
 * dev.researcher4j.core.context.TokenEstimator}) and compacting older history when it nears the
 * model's context window ({@link dev.researcher4j.core.context.ContextPolicy}, configured by {@link
 * dev.researcher4j.core.context.ContextManagement}).
 */
package dev.researcher4j.core.context;
