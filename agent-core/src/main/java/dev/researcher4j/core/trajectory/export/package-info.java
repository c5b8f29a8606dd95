/**
 * Training data from trajectories: {@link dev.researcher4j.core.trajectory.export.TrajectoryExport}
 * writes OpenAI chat fine-tuning rows or {@link dev.researcher4j.core.trajectory.export.RlRollouts
 * RL rollout} rows, choosing runs with a {@link
 * dev.researcher4j.core.trajectory.export.TrajectoryFilter} and cleaning text with a {@link
 * dev.researcher4j.core.trajectory.export.Redaction}.
 */
package dev.researcher4j.core.trajectory.export;
