package dev.researcher4j.examples.cli;

import dev.researcher4j.core.http.RetryPolicy;
import dev.researcher4j.tools.scholar.ArxivClient;
import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.BibTeX;
import dev.researcher4j.tools.scholar.CrossrefClient;
import dev.researcher4j.tools.scholar.HttpSettings;
import dev.researcher4j.tools.scholar.OpenAlexClient;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperQuery;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.PubMedClient;
import dev.researcher4j.tools.scholar.ScholarResult;
import dev.researcher4j.tools.scholar.ScholarSearch;
import dev.researcher4j.tools.scholar.SemanticScholarClient;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
      "Searches five scholarly sources at once and prints the papers found, merged.",
      "The sources are arXiv, Semantic Scholar, OpenAlex, Crossref and PubMed; duplicates are",
      "merged, and --bibtex prints BibTeX instead. Set RESEARCHER_CONTACT_EMAIL for the polite",
      "pools and SEMANTIC_SCHOLAR_API_KEY for higher Semantic Scholar limits."
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
    // Two attempts, not the library's four: someone is waiting at a prompt, and without network
    // every source fails the same way at once.
    HttpSettings settings =
        HttpSettings.fromEnv(context.env()).toBuilder()
            .retryPolicy(
                RetryPolicy.custom().maxAttempts(2).initialBackoff(Duration.ofMillis(300)).build())
            .build();
    ScholarSearch search = ScholarSearch.fromEnv(context.env(), settings);
    List<PaperSource> chosen =
        sources.isEmpty()
            ? List.of(PaperSource.values())
            : sources.stream().map(PaperSource::fromName).toList();
    List<String> hosts = chosen.stream().map(source -> host(source, context.env())).toList();
    if (hosts.stream().noneMatch(PapersCommand::resolves)) {
      // Without DNS nothing can answer; say so now, not after every source's retries.
      context
          .err()
          .println(
              "researcher papers: no network: cannot resolve "
                  + hosts.get(0)
                  + (hosts.size() > 1 ? " or " + (hosts.size() - 1) + " other source(s)" : ""));
      return ExitCodes.FAILED;
    }
    PaperQuery paperQuery =
        PaperQuery.builder(query).limit(limit).fromYear(fromYear).toYear(toYear).build();
    ScholarResult result =
        sources.isEmpty() ? search.search(paperQuery) : search.search(paperQuery, chosen);
    if (result.answered().isEmpty() && !result.failures().isEmpty() && offline(result)) {
      context
          .err()
          .println(
              "researcher papers: no network: could not reach "
                  + result.failures().keySet().stream()
                      .map(PaperSource::displayName)
                      .collect(Collectors.joining(", "))
                  + " ("
                  + firstCause(result)
                  + ")");
      return ExitCodes.FAILED;
    }
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

  /** The host a source is asked at: its base-URL override from the environment, or its own. */
  private static String host(PaperSource source, Map<String, String> env) {
    String url =
        switch (source) {
          case ARXIV -> env.getOrDefault(ScholarSearch.ARXIV_URL_ENV, ArxivClient.DEFAULT_BASE_URL);
          case SEMANTIC_SCHOLAR ->
              env.getOrDefault(
                  ScholarSearch.SEMANTIC_SCHOLAR_URL_ENV, SemanticScholarClient.DEFAULT_BASE_URL);
          case OPENALEX ->
              env.getOrDefault(ScholarSearch.OPENALEX_URL_ENV, OpenAlexClient.DEFAULT_BASE_URL);
          case CROSSREF ->
              env.getOrDefault(ScholarSearch.CROSSREF_URL_ENV, CrossrefClient.DEFAULT_BASE_URL);
          case PUBMED ->
              env.getOrDefault(ScholarSearch.PUBMED_URL_ENV, PubMedClient.DEFAULT_BASE_URL);
        };
    try {
      String host = URI.create(url.strip()).getHost();
      return host == null ? url : host;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private static boolean resolves(String host) {
    try {
      InetAddress.getByName(host);
      return true;
    } catch (UnknownHostException e) {
      return false;
    } catch (SecurityException e) {
      return true; // not ours to decide; the search will say
    }
  }

  /** Whether every source failed for want of a connection (no DNS, refused, unreachable). */
  private static boolean offline(ScholarResult result) {
    return result.failures().values().stream().allMatch(ProgressPrinter::unreachable);
  }

  /** The first failure's cause, short: "UnknownHostException: export.arxiv.org". */
  private static String firstCause(ScholarResult result) {
    String why = result.failures().values().iterator().next();
    int at = why.lastIndexOf("failed: ");
    return at < 0 ? why : why.substring(at + "failed: ".length());
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
