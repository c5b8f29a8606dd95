/**
 * Evaluation harness: datasets × k attempts, graders, pass@k, reports and hard-case mining.
 *
 * <p>The entry point is {@link dev.researcher4j.eval.Evaluation}: it runs every item of a {@link
 * dev.researcher4j.eval.Dataset} k times against any {@link dev.researcher4j.api.Agent}, grades
 * each attempt ({@link dev.researcher4j.eval.Graders}, {@link dev.researcher4j.eval.LlmJudge}),
 * writes each attempt's trajectory with its grades and {@link dev.researcher4j.eval.RewardFunction
 * reward}, and reports pass@k ({@link dev.researcher4j.eval.PassAtK}) and friends in an {@link
 * dev.researcher4j.eval.EvalSummary}. Interrupted evaluations resume from their {@code
 * results.jsonl}. {@link dev.researcher4j.eval.HardCases} turns the failures into the next training
 * set.
 *
 * <p>Stability: experimental; names may still change before 1.0.
 */
package dev.researcher4j.eval;
