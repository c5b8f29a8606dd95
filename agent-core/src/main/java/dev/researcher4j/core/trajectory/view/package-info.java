/**
 * Viewing trajectories: {@link dev.researcher4j.core.trajectory.view.TrajectoryHtml} renders a run
 * as one self-contained HTML file.
 */
package dev.researcher4j.core.trajectory.view;
