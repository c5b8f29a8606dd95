package dev.researcher4j.examples;

import dev.researcher4j.api.Agent;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.EvalResults;
import dev.researcher4j.eval.EvalSummary;
import dev.researcher4j.eval.Evaluation;
import dev.researcher4j.eval.HardCase;
import dev.researcher4j.eval.HardCaseFilter;
import dev.researcher4j.eval.HardCases;
import java.nio.file.Path;
import java.util.List;

/**
 * Evaluation as Kimi-Researcher is measured: every question k times, pass@1 and pass@k, and the
 * questions never solved written out as the next round's training set.
 */
public final class EvalExample {
  private EvalExample() {}

  /** Runs the example: {@code EvalExample <dataset.jsonl> <output-dir>}. */
  public static void main(String[] args) {
    ChatModel model = OpenAiChatModel.fromEnv();
    EvalSummary summary = evaluate(model, model, Dataset.load(Path.of(args[0])), Path.of(args[1]));
    System.out.println(Evaluation.markdown(summary));
  }

  // README:eval
  static EvalSummary evaluate(ChatModel model, ChatModel judge, Dataset dataset, Path out) {
    Agent agent = ResearchAgent.builder().chatModel(model).build(); // add your tools
    EvalSummary summary =
        Evaluation.builder()
            .agent(agent)
            .dataset(dataset) // Dataset.load(path): HLE, SimpleQA, FRAMES, GAIA, BrowseComp fields
            .attempts(4) // pass@1 … pass@4
            .concurrency(4)
            .judge(judge) // LLM judge for free-text answers
            .outputDir(out) // results.jsonl, summary.json, summary.md, trajectories; resumable
            .build()
            .run();
    System.out.printf("pass@1 %.3f%n", summary.passAt1());
    // Hard-case mining: the questions never solved become the next training set.
    EvalResults results = EvalResults.read(out);
    List<HardCase> hard = HardCases.select(dataset, results, HardCaseFilter.parse("never_solved"));
    HardCases.writeDataset(hard, results, out.resolve("hard-cases.jsonl"));
    return summary;
  }
  // README:end
}
