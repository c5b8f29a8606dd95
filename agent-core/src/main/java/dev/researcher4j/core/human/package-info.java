/**
 * The person the agent works for: the {@link dev.researcher4j.core.human.HumanChannel} port
 * (questions and approvals, answered asynchronously by a callback, a UI, a terminal or a workflow
 * signal) and the {@code ask_user} tool ({@link dev.researcher4j.core.human.AskUserTool}) with its
 * time limit and budget of questions per run.
 */
package dev.researcher4j.core.human;
