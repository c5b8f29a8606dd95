package dev.researcher4j.examples;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Tool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.report.LongReport;
import dev.researcher4j.core.report.LongReportHtml;
import dev.researcher4j.core.report.ReportResult;
import dev.researcher4j.core.trajectory.JsonlTrajectorySink;
import dev.researcher4j.tools.scholar.CitedPapers;
import dev.researcher4j.tools.scholar.FullTextReader;
import dev.researcher4j.tools.scholar.ScholarSearch;
import dev.researcher4j.tools.scholar.ScholarTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A literature review as a long report: the sections are researched in the scholarly literature,
 * written with citations into one reference list, and the papers cited come out as BibTeX for LaTeX
 * (and CSL-JSON for Pandoc or Zotero).
 */
public final class LiteratureReviewExample {
  private LiteratureReviewExample() {}

  /** Runs the example against the model configured in the environment. */
  public static void main(String[] args) throws IOException {
    ReportResult review =
        review(
            OpenAiChatModel.fromEnv(),
            ScholarTools.create(ScholarSearch.fromEnv(System.getenv()), FullTextReader.NONE)
                .toArray(Tool[]::new),
            Path.of("review"),
            "Retrieval-augmented generation for scientific question answering");
    System.out.println(review);
  }

  // README:report
  static ReportResult review(ChatModel model, Tool[] scholarTools, Path out, String topic)
      throws IOException {
    Files.createDirectories(out);
    ResearchAgent researcher =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(scholarTools) // search_papers, get_paper, paper_graph, read_paper, …
            .trajectorySink(JsonlTrajectorySink.inDirectory(out.resolve("runs")))
            .build();
    LongReport writer =
        LongReport.builder()
            .researcher(researcher) // one sub-run per section, in parallel
            .chatModel(model) // outline, writing, assembly
            .words(6_000) // met by planning the sections' lengths, within 15%
            .trajectorySink(JsonlTrajectorySink.toFile(out.resolve("review.jsonl")))
            .build();
    ReportResult review = writer.write(topic); // writer.resume(file) after a crash
    Files.writeString(out.resolve("review.md"), review.markdown());
    LongReportHtml.write(review, out.resolve("review.html"));
    Files.writeString(out.resolve("review.bib"), CitedPapers.bibTeX(review.references()));
    Files.writeString(out.resolve("review.json"), CitedPapers.cslJson(review.references()));
    review.warnings().forEach(w -> System.out.println("warning: " + w.message()));
    return review;
  }
  // README:end
}
