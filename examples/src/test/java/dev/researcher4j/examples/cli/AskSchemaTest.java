package dev.researcher4j.examples.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.researcher4j.core.json.JsonSchemas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code researcher ask --schema}: a typed answer of 20 records × 5 fields, all on loopback
 * (WireMock plays the model, SearXNG and the verifier's replies); the checker rejects two fields,
 * which are flagged in the JSON and CSV the command prints, while every other field carries its
 * source ids.
 */
class AskSchemaTest {

  @RegisterExtension
  static WireMockExtension server =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;

  enum Category {
    PHONE,
    TABLET
  }

  record Device(
      String name, Category category, double priceUsd, LocalDate released, int batteryMah) {}

  record Devices(List<Device> devices) {}

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("OPENAI_BASE_URL", server.baseUrl() + "/v1");
    env.put("RESEARCHER_MODEL", "test-model");
    env.put("SEARXNG_URL", server.baseUrl());
    env.put("RESEARCHER_ALLOW_HOSTS", "127.0.0.1,localhost");
    return env;
  }

  /** Twenty devices, every field citing one of the five spec pages (S1..S5). */
  private static String answer() {
    ObjectNode answer = ChatTurns.JSON.createObjectNode();
    ArrayNode devices = answer.putArray("devices");
    for (int i = 0; i < 20; i++) {
      ObjectNode d = devices.addObject();
      d.put("name", "Model " + i);
      d.put("category", i % 2 == 0 ? "PHONE" : "TABLET");
      d.put("priceUsd", 300 + 10 * i);
      d.put("released", "2025-0" + (1 + i % 9) + "-15");
      d.put("batteryMah", 4000 + i);
      ObjectNode sources = d.putObject("_sources");
      for (String field : List.of("name", "category", "priceUsd", "released", "batteryMah")) {
        sources.putArray(field).add("S" + (1 + i % 5));
      }
    }
    return answer.toString();
  }

  @BeforeEach
  void world() throws Exception {
    StringBuilder results = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      results
          .append(i == 1 ? "" : ",")
          .append("{\"url\":\"")
          .append(server.baseUrl())
          .append("/specs/")
          .append(i)
          .append("\",\"title\":\"Spec sheet ")
          .append(i)
          .append("\",\"content\":\"Prices, dates and batteries of the devices, sheet ")
          .append(i)
          .append(".\",\"engine\":\"duckduckgo\",\"engines\":[\"duckduckgo\"],\"positions\":[")
          .append(i)
          .append("],\"score\":1.0,\"category\":\"general\"}");
    }
    server.stubFor(
        get(urlPathEqualTo("/search"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"query\":\"devices\",\"number_of_results\":0,\"results\":["
                            + results
                            + "],\"answers\":[],\"corrections\":[],\"infoboxes\":[],"
                            + "\"suggestions\":[],\"unresponsive_engines\":[]}")));
    ChatTurns.turn(
        server,
        Scenario.STARTED,
        "answering",
        ChatTurns.toolCall(
            "call_1", "web_search", ChatTurns.JSON.createObjectNode().put("query", "devices")),
        "tool_calls");
    // Every final answer (the first, and again after each verification round) is the same table.
    ChatTurns.turn(server, "answering", "answering", ChatTurns.text(answer()), "stop");
    // The checker: claims are numbered in field order, five per device; it rejects the price of
    // device 3 (claim 18) and the release date of device 17 (claim 89).
    ArrayNode verdicts = ChatTurns.JSON.createArrayNode();
    for (int claim = 1; claim <= 100; claim++) {
      boolean rejected = claim == 18 || claim == 89;
      verdicts
          .addObject()
          .put("claim", claim)
          .put("verdict", rejected ? "UNSUPPORTED" : "SUPPORTED")
          .put("note", rejected ? "the sheet gives another value" : "");
    }
    ObjectNode reply = ChatTurns.JSON.createObjectNode();
    reply.set("verdicts", verdicts);
    ObjectNode body = ChatTurns.JSON.createObjectNode();
    body.put("id", "chatcmpl-verify").put("object", "chat.completion").put("created", 1764410400);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", ChatTurns.text(reply.toString()));
    choice.put("finish_reason", "stop");
    body.putObject("usage")
        .put("prompt_tokens", 900)
        .put("completion_tokens", 300)
        .put("total_tokens", 1200);
    server.stubFor(
        post(urlEqualTo(ChatTurns.CHAT))
            .atPriority(1)
            .withRequestBody(containing("claim_verdicts"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(body.toString())));
    Files.writeString(
        dir.resolve("schema.json"), JsonSchemas.forType(Devices.class).toPrettyString());
  }

  @Test
  void jsonCarriesSourcesForEveryFieldAndFlagsTheTwoRejected() throws Exception {
    CliRun run =
        CliRun.run(
            env(),
            dir,
            "ask",
            "Compare 20 devices",
            "--schema",
            "schema.json",
            "--json",
            "--no-plan",
            "--no-code");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode json = ChatTurns.JSON.readTree(run.out());
    assertThat(json.path("devices")).hasSize(20);
    assertThat(json.at("/devices/3/_flags/priceUsd").asText())
        .isEqualTo("not supported by the cited sources: the sheet gives another value");
    assertThat(json.at("/devices/17/_flags/released").asText()).contains("not supported");
    int flagged = 0;
    for (JsonNode device : json.path("devices")) {
      flagged += device.path("_flags").size();
      assertThat(device.path("_sources").size()).isEqualTo(5);
      device.path("_sources").forEach(ids -> assertThat(ids.get(0).asText()).matches("S[1-5]"));
    }
    assertThat(flagged).isEqualTo(2);
    assertThat(run.err())
        .contains("flagged: /devices/3/priceUsd = 330: not supported by the cited sources")
        .contains("flagged: /devices/17/released = \"2025-09-15\"")
        .contains("warning: 2 of 100 fields are not supported by the sources they cite");
  }

  @Test
  void csvIsATableOfTheRecordsWithSourcesAndFlagsColumns() throws Exception {
    CliRun run =
        CliRun.run(
            env(),
            dir,
            "ask",
            "Compare 20 devices",
            "--schema",
            "schema.json",
            "--csv",
            "--no-plan",
            "--no-code",
            "--out",
            "devices.csv");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> lines = Files.readAllLines(dir.resolve("devices.csv"));
    assertThat(lines).hasSize(21);
    assertThat(lines.get(0))
        .isEqualTo("name,category,priceUsd,released,batteryMah,_sources,_flags");
    assertThat(lines.get(4))
        .startsWith("\"Model 3\",TABLET,330,2025-04-15,4003,")
        .contains("priceUsd=S4")
        .endsWith(
            "\"priceUsd: not supported by the cited sources: the sheet gives another value\"");
    assertThat(lines.get(18)).contains("released: not supported");
    assertThat(lines.stream().filter(l -> l.endsWith(",")).count()).isEqualTo(18);
  }

  @Test
  void optionsThatNeedASchemaOrAValidOneAreUsageErrors() throws Exception {
    Files.writeString(dir.resolve("bad.json"), "{not json");

    CliRun noSchema = CliRun.run(env(), dir, "ask", "x", "--json", "--no-plan");
    CliRun badSchema = CliRun.run(env(), dir, "ask", "x", "--schema", "bad.json", "--no-plan");

    assertThat(noSchema.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noSchema.err()).contains("--json needs --schema FILE");
    assertThat(badSchema.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badSchema.err()).contains("is not valid JSON");
  }
}
