/**
 * Recording runs and reading the records back.
 *
 * <p>{@link dev.researcher4j.core.trajectory.TrajectorySink} receives each run's header, steps and
 * footer as they happen (and learns when a crashed run is resumed); {@link
 * dev.researcher4j.core.trajectory.JsonlTrajectorySink} writes them to JSONL files in the {@code
 * researcher4j.trajectory/v1} format documented on {@link
 * dev.researcher4j.core.trajectory.TrajectoryCodec}, whose JSON Schema ships in this jar. {@link
 * dev.researcher4j.core.trajectory.TrajectoryValidator} checks files against it, naming line and
 * field; {@link dev.researcher4j.core.trajectory.TrajectoryReader} validates and loads them.
 *
 * <p>What to do with a record: continue it when its process died ({@code ResearchAgent.resume}),
 * re-execute it deterministically ({@code ReplayChatModel} and {@code ReplayTools} in {@code
 * core.testing}), export it as training data ({@code export}) or look at it ({@code view}).
 */
package dev.researcher4j.core.trajectory;
