/**
 * Runnable harnesses for research on Temporal with real processes ({@code researcher temporal-dev}
 * and {@code researcher worker}s): a worker killed mid-run ({@link
 * dev.researcher4j.examples.scaling.FailoverDemo}) and an evaluation on one and two workers ({@link
 * dev.researcher4j.examples.scaling.EvalScalingBenchmark}). They print their measurements; the
 * README's "Scaling out" has the figures.
 */
package dev.researcher4j.examples.scaling;
