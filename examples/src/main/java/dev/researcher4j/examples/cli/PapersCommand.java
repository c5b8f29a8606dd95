package dev.researcher4j.examples.cli;

import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.BibTeX;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperQuery;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.ScholarResult;
import dev.researcher4j.tools.scholar.ScholarSearch;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code researcher papers}: a quick scholarly search over five sources, merged. */
@Command(
    name = "papers",
    mixinStandardHelpOptions = true,
    description = {
      "Searches arXiv, Semantic Scholar, OpenAlex, Crossref and PubMed at once and prints the",
      "merged, de-duplicated papers (or BibTeX with --bibtex). Set RESEARCHER_CONTACT_EMAIL for",
      "the polite pools and SEMANTIC_SCHOLAR_API_KEY for higher Semantic Scholar limits."
    })
final class PapersCommand implements Callable<Integer> {

  private final CliContext context;

  @Parameters(index = "0", paramLabel = "<query>", description = "What to look for.")
  String query;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Most papers (default: ${DEFAULT-VALUE}).")
  int limit = PaperQuery.DEFAULT_LIMIT;

  @Option(names = "--from-year", paramLabel = "YEAR", description = "Published in or after.")
  Integer fromYear;

  @Option(names = "--to-year", paramLabel = "YEAR", description = "Published in or before.")
  Integer toYear;

  @Option(
      names = "--sources",
      split = ",",
      paramLabel = "SOURCE",
      description = "Only these: arxiv, semantic_scholar, openalex, crossref, pubmed.")
  List<String> sources = new ArrayList<>();

  @Option(names = "--bibtex", description = "Print BibTeX entries instead of a list.")
  boolean bibtex;

  PapersCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    ScholarSearch search = ScholarSearch.fromEnv(context.env());
    PaperQuery paperQuery =
        PaperQuery.builder(query).limit(limit).fromYear(fromYear).toYear(toYear).build();
    ScholarResult result =
        sources.isEmpty()
            ? search.search(paperQuery)
            : search.search(paperQuery, sources.stream().map(PaperSource::fromName).toList());
    if (result.isDegraded()) {
      context.err().println("note: " + result.failureNote());
    }
    if (result.papers().isEmpty()) {
      context.err().println(result.answered().isEmpty() ? "no source answered" : "no papers found");
      return result.answered().isEmpty() ? ExitCodes.FAILED : ExitCodes.OK;
    }
    if (bibtex) {
      context.out().println(BibTeX.format(result.papers()));
    } else {
      print(result.papers(), context.out());
    }
    return ExitCodes.OK;
  }

  private static void print(List<Paper> papers, PrintStream out) {
    int n = 1;
    for (Paper paper : papers) {
      out.println(n++ + ". " + paper.title());
      List<String> names = paper.authors().stream().map(Author::name).toList();
      String authors =
          names.size() > 3
              ? String.join(", ", names.subList(0, 3)) + " et al."
              : String.join(", ", names);
      List<String> facts = new ArrayList<>();
      if (!authors.isEmpty()) {
        facts.add(authors);
      }
      paper.year().ifPresent(y -> facts.add(String.valueOf(y)));
      if (!paper.venue().isEmpty()) {
        facts.add(paper.venue());
      }
      paper.citationCount().ifPresent(c -> facts.add(c + " citations"));
      out.println("   " + String.join(" · ", facts));
      List<String> ids = new ArrayList<>();
      if (!paper.doi().isEmpty()) {
        ids.add("doi:" + paper.doi());
      }
      if (!paper.arxivId().isEmpty()) {
        ids.add("arXiv:" + paper.arxivId());
      }
      if (!paper.pmid().isEmpty()) {
        ids.add("PMID:" + paper.pmid());
      }
      out.println(
          "   " + String.join("  ", ids) + (ids.isEmpty() ? "" : "  ") + paper.citationUrl());
      out.println(
          "   from "
              + paper.sourcesInOrder().stream()
                  .map(PaperSource::displayName)
                  .collect(Collectors.joining(", ")));
    }
  }
}
