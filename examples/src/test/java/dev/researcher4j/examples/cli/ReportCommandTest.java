package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.researcher4j.api.Step;
import dev.researcher4j.api.ToolExecution;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.report.ReportResult;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.core.trajectory.TrajectoryValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code researcher report} end to end on loopback: WireMock serves the model (a transformer that
 * plays outline, research, writing, checking and assembly), a SearXNG instance and the pages the
 * sections read. A 10-section report of at least 10,000 words: every paragraph cites a source the
 * run saw, no section repeats another, the length is within 15% of the target, every section's run
 * is linked from the report's; killed mid-way and resumed, the finished sections are not redone.
 */
class ReportCommandTest {

  private static final ReportWorldModel MODEL = new ReportWorldModel(10);

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance()
          .options(wireMockConfig().dynamicPort().extensions(new Delegate()))
          .build();

  @TempDir Path dir;

  /** Routes to {@link #MODEL}, so each test can watch it. */
  static final class Delegate implements ResponseDefinitionTransformerV2 {
    @Override
    public ResponseDefinition transform(ServeEvent event) {
      return MODEL.transform(event);
    }

    @Override
    public String getName() {
      return ReportWorldModel.NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", server.baseUrl() + "/v1");
    env.put("RESEARCHER_MODEL", "test-model");
    env.put("SEARXNG_URL", server.baseUrl());
    env.put("RESEARCHER_ALLOW_HOSTS", "127.0.0.1,localhost");
    return env;
  }

  @BeforeEach
  void world() {
    MODEL.researched.clear();
    MODEL.written.clear();
    MODEL.onWrite = index -> {};
    server.stubFor(
        post(urlEqualTo(ChatTurns.CHAT))
            .willReturn(aResponse().withTransformers(ReportWorldModel.NAME)));
    // Search: one page of the section's own, and an overview every section finds.
    server.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withTransformers("response-template")
                    .withBody(
                        "{\"query\":\"{{request.query.q}}\",\"number_of_results\":0,\"results\":["
                            + result(
                                server.baseUrl()
                                    + "/pages/{{regexExtract request.query.q '[0-9]+'}}",
                                "The chapter's own page",
                                1)
                            + ","
                            + result(server.baseUrl() + "/pages/overview", "An overview", 2)
                            + "],\"answers\":[],\"corrections\":[],\"infoboxes\":[],"
                            + "\"suggestions\":[],\"unresponsive_engines\":[]}")));
    server.stubFor(
        get(urlPathMatching("/pages/[a-z0-9-]+"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/html; charset=utf-8")
                    .withBody(
                        "<html><head><title>Notes</title></head><body><article><h1>Notes</h1>"
                            + "<p>Measurements of cells, their chemistry, their costs and their"
                            + " makers, gathered over three years of trials.</p></article></body></html>")));
  }

  private static String result(String url, String title, int position) {
    return "{\"url\":\""
        + url
        + "\",\"title\":\""
        + title
        + "\",\"content\":\"What the trials found.\",\"engine\":\"duckduckgo\","
        + "\"engines\":[\"duckduckgo\"],\"positions\":["
        + position
        + "],\"score\":1.0,\"category\":\"general\"}";
  }

  @Test
  void aTenSectionReportOfTenThousandWordsCitesOnlyWhatItsRunsSawAndLinksThem() throws Exception {
    CliRun run =
        CliRun.run(
            env(),
            dir,
            "report",
            "Where do solid-state batteries stand?",
            "--words",
            "10000",
            "--sections",
            "10",
            "--no-plan",
            "--trajectory",
            "report.jsonl",
            "--out",
            "report.md",
            "--html",
            "report.html");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err())
        .contains("outline (10 sections):")
        .contains("[10/10] Chapter 10")
        .contains("done, ")
        .doesNotContain("warning:");
    String markdown = Files.readString(dir.resolve("report.md"));
    Trajectory report = TrajectoryReader.read(dir.resolve("report.jsonl"));
    ReportResult result = ReportResult.from(report);
    assertThat(result.sections()).hasSize(10);
    assertThat(result.words()).isBetween(10_000, 11_500);
    assertThat(markdown)
        .contains("## Summary", "## 10. Chapter 10", "## Conclusion", "## References");

    // Every section's run is linked from the report's record, and records the report as parent.
    List<String> children = new ArrayList<>();
    for (Step step : report.steps()) {
      for (ToolExecution execution : step.toolExecutions()) {
        children.addAll(execution.childRunIds());
      }
    }
    assertThat(children).hasSize(10).doesNotHaveDuplicates();
    Set<String> seen = new HashSet<>();
    for (String child : children) {
      Trajectory section = TrajectoryReader.read(dir.resolve("runs").resolve(child + ".jsonl"));
      assertThat(section.header().parentRunId()).isEqualTo(report.runId());
      section.steps().stream()
          .flatMap(s -> s.toolExecutions().stream())
          .forEach(e -> seen.addAll(e.sourceIds()));
    }

    // Each paragraph cites a source the runs saw; nothing cites a source they did not see.
    Map<String, String> parts = parts(markdown);
    assertThat(parts).hasSize(12);
    Pattern marker = Pattern.compile("\\[(S\\d+)]");
    for (Map.Entry<String, String> part : parts.entrySet()) {
      for (String paragraph : part.getValue().strip().split("\\n\\s*\\n")) {
        Matcher cited = marker.matcher(paragraph);
        assertThat(cited.find())
            .as("a paragraph of %s cites: %s", part.getKey(), paragraph)
            .isTrue();
        do {
          assertThat(seen).as("cited in %s", part.getKey()).contains(cited.group(1));
        } while (cited.find());
      }
    }

    // No two sections share more than 10% of their 8-word shingles.
    List<Set<String>> shingles = new ArrayList<>();
    parts.forEach(
        (title, text) -> {
          if (title.matches("\\d+\\..*")) {
            shingles.add(shingles(text));
          }
        });
    assertThat(shingles).hasSize(10);
    for (int i = 0; i < shingles.size(); i++) {
      for (int j = 0; j < shingles.size(); j++) {
        if (i != j) {
          Set<String> shared = new HashSet<>(shingles.get(i));
          shared.retainAll(shingles.get(j));
          assertThat((double) shared.size() / shingles.get(i).size()).isLessThanOrEqualTo(0.10);
        }
      }
    }

    // The page: contents, rendered Markdown, citations linking to numbered references.
    Document page = Jsoup.parse(Files.readString(dir.resolve("report.html")));
    assertThat(page.select("nav li")).hasSize(13);
    assertThat(page.select("main h2")).hasSize(12);
    assertThat(page.select("main p").size()).isGreaterThan(80);
    assertThat(page.select("a.cite")).isNotEmpty();
    for (Element cite : page.select("a.cite")) {
      assertThat(page.getElementById(cite.attr("href").substring(1))).isNotNull();
    }
    assertThat(page.select("ol.refs li")).hasSize(result.references().size());
    assertThat(page.select("span.bad")).isEmpty();
    assertThat(TrajectoryValidator.validate(dir.resolve("report.jsonl")).isValid()).isTrue();
  }

  @Test
  void aReportKilledMidWayResumesWithoutRedoingItsFinishedSections() throws Exception {
    Path file = dir.resolve("report.jsonl");
    Path killed = dir.resolve("killed.jsonl");
    // The process "dies" when section 6 starts to be written: the file is copied as it is then.
    MODEL.onWrite =
        index -> {
          if (index == 6 && !Files.exists(killed)) {
            try {
              Files.copy(file, killed, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    CliRun first =
        CliRun.run(
            env(),
            dir,
            "report",
            "Where do solid-state batteries stand?",
            "--words",
            "6000",
            "--sections",
            "10",
            "--parallel",
            "1",
            "--no-plan",
            "--trajectory",
            "report.jsonl",
            "--out",
            "first.md");
    assertThat(first.exitCode()).as(first.err()).isZero();
    Trajectory snapshot = TrajectoryReader.read(killed);
    assertThat(snapshot.isFinished()).isFalse();
    long finished = snapshot.steps().stream().filter(s -> !s.toolExecutions().isEmpty()).count();
    assertThat(finished).isEqualTo(5);
    MODEL.onWrite = index -> {};
    MODEL.researched.clear();
    MODEL.written.clear();
    long runsBefore;
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      runsBefore = runs.count();
    }

    CliRun resumed =
        CliRun.run(
            env(), dir, "report", "--resume", "killed.jsonl", "--no-plan", "--out", "resumed.md");

    assertThat(resumed.exitCode()).as(resumed.err()).isZero();
    assertThat(resumed.err()).contains("kept from the earlier attempt");
    // Only sections 6 to 10 were researched and written again.
    assertThat(MODEL.written.keySet()).containsExactlyInAnyOrder(6, 7, 8, 9, 10);
    assertThat(MODEL.researched).hasSize(5);
    assertThat(MODEL.researched.keySet()).noneMatch(title -> title.matches("Chapter [1-5]:.*"));
    try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
      assertThat(runs.count()).isEqualTo(runsBefore + 5);
    }
    Trajectory whole = TrajectoryReader.read(killed);
    assertThat(whole.isFinished()).isTrue();
    assertThat(whole.runId()).isEqualTo(snapshot.runId());
    assertThat(TrajectoryValidator.validate(killed).isValid()).isTrue();
    // The kept sections read as they did.
    Map<String, String> before = parts(Files.readString(dir.resolve("first.md")));
    Map<String, String> after = parts(Files.readString(dir.resolve("resumed.md")));
    for (int i = 1; i <= 5; i++) {
      String title = title(before, i);
      assertThat(after.get(title)).isEqualTo(before.get(title));
    }
  }

  private static String title(Map<String, String> parts, int index) {
    return parts.keySet().stream()
        .filter(t -> t.startsWith(index + ". "))
        .findFirst()
        .orElseThrow();
  }

  /** The document's parts by heading: summary, sections, conclusion (references left out). */
  private static Map<String, String> parts(String markdown) {
    Map<String, String> parts = new LinkedHashMap<>();
    String[] chunks = markdown.split("(?m)^## ");
    for (int i = 1; i < chunks.length; i++) {
      String chunk = chunks[i];
      int end = chunk.indexOf('\n');
      String title = chunk.substring(0, end).strip();
      if (!title.equals("References")) {
        parts.put(title, chunk.substring(end + 1).strip());
      }
    }
    return parts;
  }

  private static Set<String> shingles(String text) {
    List<String> words = new ArrayList<>();
    Matcher word =
        Pattern.compile("[a-z0-9]+").matcher(text.replaceAll("\\[S\\d+]", " ").toLowerCase());
    while (word.find()) {
      words.add(word.group());
    }
    Set<String> shingles = new HashSet<>();
    for (int i = 0; i + 8 <= words.size(); i++) {
      shingles.add(String.join(" ", words.subList(i, i + 8)));
    }
    return shingles;
  }
}
