/**
 * Recording runs: {@link dev.researcher4j.core.trajectory.TrajectorySink} receives each run's
 * header, steps and footer as they happen; {@link
 * dev.researcher4j.core.trajectory.JsonlTrajectorySink} writes them to JSONL files in the {@code
 * researcher4j.trajectory/v1} format documented on {@link
 * dev.researcher4j.core.trajectory.TrajectoryCodec}, and {@link
 * dev.researcher4j.core.trajectory.TrajectoryReader} loads such files back.
 */
package dev.researcher4j.core.trajectory;
