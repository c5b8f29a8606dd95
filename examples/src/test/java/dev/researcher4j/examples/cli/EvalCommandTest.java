package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  private static final String CHAT = "/v1/chat/completions";

  private static String answer(String text) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1764410400,\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + text
        + "\"},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":10,\"total_tokens\":110}}";
  }

  private Map<String, String> env() {
    return Map.of("OPENAI_BASE_URL", server.baseUrl() + "/v1", "RESEARCHER_MODEL", "m");
  }

  @Test
  void evaluatesADatasetReportsPassAtKAndResumesWithoutRerunning() throws Exception {
    server.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(containing("France"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(answer("Answer: Paris\\n\\nParis is the capital."))));
    server.stubFor(
        post(urlEqualTo(CHAT))
            .withRequestBody(containing("Italy"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(answer("Answer: Milan\\n\\nMilan, surely."))));
    Files.writeString(
        dir.resolve("capitals.jsonl"),
        "{\"id\":\"fr\",\"question\":\"What is the capital of France?\",\"answer\":\"Paris\"}\n"
            + "{\"id\":\"it\",\"question\":\"What is the capital of Italy?\",\"answer\":\"Rome\"}\n"
            + "{\"id\":\"img\",\"question\":\"What is shown?\",\"answer\":\"a cat\",\"image\":\"data:image/png;base64,AAAA\"}\n");

    CliRun run =
        CliRun.run(
            env(),
            dir,
            "eval",
            "capitals.jsonl",
            "--k",
            "2",
            "--concurrency",
            "2",
            "--out",
            "out",
            "--no-plan",
            "--no-verify");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("skipped 1 item(s)").contains("fr #").contains("it #");
    // One line per attempt off a terminal: done of all, pass rate, cost, time left.
    assertThat(run.err().lines().filter(l -> l.matches("(fr|it) #\\d .*")))
        .hasSize(4)
        .allSatisfy(
            l -> assertThat(l).matches(".* · \\d/4 \\(\\d+%\\) · pass .* · cost unknown · .*"))
        .last()
        .asString()
        .contains("4/4 (100%) · pass 50.0% · cost unknown · done in ");
    assertThat(run.out()).contains("pass@1").contains("50.0");
    assertThat(Files.readAllLines(dir.resolve("out/results.jsonl"))).hasSize(4);
    assertThat(dir.resolve("out/summary.md")).exists();
    assertThat(dir.resolve("out/summary.json")).exists();
    server.verify(4, postRequestedFor(urlEqualTo(CHAT)));

    CliRun again =
        CliRun.run(
            env(),
            dir,
            "eval",
            "capitals.jsonl",
            "--k",
            "2",
            "--out",
            "out",
            "--no-plan",
            "--no-verify");

    assertThat(again.exitCode()).isZero();
    assertThat(again.err()).contains("resuming: 4 attempt(s) already recorded");
    server.verify(4, postRequestedFor(urlEqualTo(CHAT)));
  }

  @Test
  void aMissingDatasetOrOutDirIsAUsageError() {
    CliRun missing = CliRun.run(env(), dir, "eval", "nope.jsonl", "--out", "out");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.jsonl");
    assertThat(CliRun.run(env(), dir, "eval", "nope.jsonl").exitCode()).isEqualTo(2);
  }
}
