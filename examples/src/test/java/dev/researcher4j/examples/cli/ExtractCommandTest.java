package dev.researcher4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractCommandTest {

  @TempDir Path dir;

  private void page(String id, String html) throws Exception {
    Files.writeString(dir.resolve(id + ".html"), html);
  }

  @Test
  void writesArticleBodiesAsJsonAndScoresThem() throws Exception {
    page(
        "moss",
        "<html><head><title>Moss</title></head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            + "<article><h1>Moss grows faster in cities</h1><p>A three-year rooftop study in four cities"
            + " found that moss grows faster where nitrogen levels in the air are higher.</p><p>The"
            + " researchers measured growth monthly on two hundred plots.</p></article>"
            + "<footer>Copyright 2026 Example News. All rights reserved.</footer></body></html>");
    Files.writeString(
        dir.resolve("truth.json"),
        "{\"moss\": {\"articleBody\": \"Moss grows faster in cities A three-year rooftop study in four"
            + " cities found that moss grows faster where nitrogen levels in the air are higher. The"
            + " researchers measured growth monthly on two hundred plots.\"}}");

    CliRun run =
        CliRun.run(
            Map.of(), dir, "extract", "--json", "--out", "pred.json", "--truth", "truth.json", ".");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("\"moss\"")
        .contains("nitrogen")
        .doesNotContain("All rights reserved");
    assertThat(Files.readString(dir.resolve("pred.json"))).contains("articleBody");
    assertThat(run.err()).contains("precision=1.0000");

    CliRun score = CliRun.run(Map.of(), dir, "extract-score", "pred.json", "truth.json");

    assertThat(score.exitCode()).isZero();
    assertThat(score.out())
        .contains("moss")
        .containsPattern("documents=1 precision=1\\.0000 recall=0\\.\\d+ f1=0\\.9");
  }

  @Test
  void measuresSpeedWhenAsked() throws Exception {
    page(
        "p",
        "<html><body><article><p>Some article text that is long enough to keep.</p></article></body></html>");

    CliRun run = CliRun.run(Map.of(), dir, "extract", "--repeat", "2", "p.html");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).contains("pages/s");
  }

  @Test
  void reportsAPageThatCannotBeReadAndGoesOnWithTheOthers() throws Exception {
    page(
        "good",
        "<html><body><article><p>Moss grows faster in cities, a three-year rooftop study"
            + " found.</p></article></body></html>");
    Files.write(dir.resolve("broken.html.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});

    CliRun run = CliRun.run(Map.of(), dir, "extract", "--json", ".");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
    assertThat(run.err()).contains("failed: broken:").contains("pages=2 failed=1 fallback=0");
    assertThat(run.out()).contains("Moss grows faster in cities").contains("\"broken\"");
  }

  @Test
  void readsADevelopmentSetDirectoryWithTruth() throws Exception {
    Path set = Files.createDirectories(dir.resolve("set/html"));
    Files.writeString(
        set.resolve("a.html"),
        "<html><body><nav><a href='/'>Home</a></nav><article><p>Moss grows faster in cities,"
            + " a three-year rooftop study found.</p></article></body></html>");
    Files.writeString(
        dir.resolve("set/ground-truth.json"),
        "{\"a\": {\"articleBody\": \"Moss grows faster in cities, a three-year rooftop study"
            + " found.\"}}");

    CliRun run = CliRun.run(Map.of(), dir, "extract", "--truth", "set");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("documents=1 precision=1.0000 recall=1.0000 f1=1.0000");
    CliRun noTruthFile = CliRun.run(Map.of(), dir, "extract", "--truth", "set/html");
    assertThat(noTruthFile.exitCode()).isEqualTo(2);
    assertThat(noTruthFile.err()).contains("no such file:").contains("ground-truth.json");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(CliRun.run(Map.of(), dir, "extract").exitCode()).isEqualTo(2);
    CliRun nothingToDo = CliRun.run(Map.of(), dir, "extract", ".");
    assertThat(nothingToDo.exitCode()).isEqualTo(2);
    assertThat(nothingToDo.err()).contains("--json");
    CliRun notAPage = CliRun.run(Map.of(), dir, "extract", "--json", "missing.txt");
    assertThat(notAPage.exitCode()).isEqualTo(2);
    assertThat(notAPage.err()).contains("missing.txt");
    CliRun missingScoreFile = CliRun.run(Map.of(), dir, "extract-score", "a.json", "b.json");
    assertThat(missingScoreFile.exitCode()).as(missingScoreFile.err()).isEqualTo(2);
    assertThat(missingScoreFile.err()).contains("a.json");
  }
}
