package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static dev.researcher4j.core.Fixtures.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StopReason;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.json.JsonSchemas;
import dev.researcher4j.core.structured.CitedField;
import dev.researcher4j.core.structured.TypedResult;
import dev.researcher4j.core.trajectory.InMemoryTrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.core.verify.Verifier;
import dev.researcher4j.testing.ScriptedChatModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class TypedResultTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  enum Category {
    PHONE,
    TABLET
  }

  record Product(
      String name, Category category, double priceUsd, LocalDate released, int batteryMah) {}

  record Comparison(List<Product> products) {}

  record Mass(double value, String unit) {}

  record Maker(String name, String country) {}

  record Device(
      String name, Mass weight, Maker maker, List<String> colours, Optional<String> notes) {}

  /** A search tool returning five sources, S1 to S5, with excerpts. */
  private static dev.researcher4j.api.Tool fiveSources() {
    return Fixtures.tool(
        "web_search",
        (c, ctx) -> {
          List<Source> sources = new ArrayList<>();
          for (int i = 1; i <= 5; i++) {
            sources.add(
                Source.web("https://specs.example/" + i, "Spec sheet " + i, "Facts, page " + i));
          }
          return ToolResult.of("Five spec sheets.", sources);
        });
  }

  /** Twenty products, each field citing one of S1..S5. */
  private static ObjectNode twentyProducts() {
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode products = answer.putArray("products");
    for (int i = 0; i < 20; i++) {
      ObjectNode p = products.addObject();
      p.put("name", "Model " + i);
      p.put("category", i % 2 == 0 ? "PHONE" : "TABLET");
      p.put("priceUsd", 300 + i * 10);
      p.put("released", "2025-0" + (1 + i % 9) + "-15");
      p.put("batteryMah", 4000 + i);
      ObjectNode sources = p.putObject("_sources");
      for (String field : List.of("name", "category", "priceUsd", "released", "batteryMah")) {
        sources.putArray(field).add("S" + (1 + (i % 5)));
      }
    }
    return answer;
  }

  /** A model that searches once, then answers with {@code answer} (every time it is asked). */
  private static ScriptedChatModel answering(Function<ChatRequest, String> answer) {
    return ScriptedChatModel.answering(
        request -> {
          boolean searched = request.messages().stream().anyMatch(m -> m.role() == Role.TOOL);
          return searched
              ? ScriptedChatModel.text(answer.apply(request))
              : ScriptedChatModel.toolCalls(call("c1", "web_search", "{\"query\":\"specs\"}"));
        });
  }

  /** A verifier rejecting the claims that start with any of {@code rejected}. */
  private static Verifier rejecting(String... rejected) {
    return request ->
        request.claims().stream()
            .map(
                claim ->
                    List.of(rejected).stream().anyMatch(claim.text()::startsWith)
                        ? new Verifier.Verdict(
                            claim.number(),
                            Citation.Support.UNSUPPORTED,
                            "the sheet says otherwise")
                        : new Verifier.Verdict(claim.number(), Citation.Support.SUPPORTED, ""))
            .toList();
  }

  @Test
  void twentyRecordsOfFiveFieldsCarryTheirSourcesAndTheTwoRejectedFieldsAreFlagged() {
    ScriptedChatModel model = answering(r -> twentyProducts().toString());
    List<Verifier.Request> asked = new ArrayList<>();
    Verifier scripted =
        rejecting(
            "products[3] (name: \"Model 3\") — priceUsd",
            "products[17] (name: \"Model 17\") — released");
    ResearchAgent agent =
        agent(model, fiveSources())
            .verification(
                VerificationPolicy.builder()
                    .verifier(
                        request -> {
                          asked.add(request);
                          return scripted.verify(request);
                        })
                    .maxRounds(1)
                    .build())
            .build();

    TypedResult<Comparison> result = agent.run(Task.of("Compare twenty devices"), Comparison.class);

    assertThat(result.hasValue()).isTrue();
    assertThat(result.value().products()).hasSize(20);
    assertThat(result.value().products().get(3).category()).isEqualTo(Category.TABLET);
    assertThat(result.value().products().get(17).released()).isEqualTo(LocalDate.of(2025, 9, 15));
    assertThat(result.fields()).hasSize(100);
    assertThat(result.flagged())
        .extracting(CitedField::path)
        .containsExactly("/products/3/priceUsd", "/products/17/released");
    assertThat(result.flagged())
        .allSatisfy(
            f ->
                assertThat(f.flag())
                    .isEqualTo("not supported by the cited sources: the sheet says otherwise"));
    assertThat(result.fields().stream().filter(f -> !f.isFlagged()))
        .hasSize(98)
        .allSatisfy(f -> assertThat(f.sourceIds()).hasSize(1));
    assertThat(result.sourcesOf("/products/7/name")).containsExactly("S3");
    JsonNode json = result.json();
    assertThat(json.at("/products/3/_flags/priceUsd").asText()).contains("not supported");
    assertThat(json.at("/products/3/_sources/priceUsd").get(0).asText()).isEqualTo("S4");
    assertThat(json.at("/products/4/_flags").isMissingNode()).isTrue();
    assertThat(result.outcome().warnings())
        .extracting(Warning::kind)
        .contains(Warning.Kind.UNSUPPORTED_CLAIMS);
    assertThat(result.outcome().report())
        .contains("| # | name | category | priceUsd | released | batteryMah |")
        .contains(
            "330 [S4] *(flagged: not supported by the cited sources: the sheet says otherwise)*")
        .contains("## Sources");
    assertThat(result.sources())
        .extracting(Source::id)
        .containsExactly("S1", "S2", "S3", "S4", "S5");
    // Two rounds: the first sent the two fields back to the model, the second kept them flagged.
    assertThat(asked).hasSize(2);
    assertThat(asked.get(0).claims()).hasSize(100);
    String feedback = Fixtures.last(Fixtures.actRequests(model).get(2)).content();
    assertThat(feedback).contains("products[3] (name: \"Model 3\") — priceUsd: 330");
  }

  @Test
  void nestedRecordsListsUnitsAndOptionalFieldsAreFilledAndCited() {
    String answer =
        """
        Here is the result:
        {"name": "Pocket 2", "weight": {"value": 167.5, "unit": "g", "_sources": {"value": ["S2"], "unit": ["S2"]}},
         "maker": {"name": "Acme", "country": "Finland", "_sources": {"name": ["S1"]}},
         "colours": ["black", "sand"],
         "_sources": {"name": ["S1"], "colours": ["S3"], "maker": ["S4"]}}
        """;
    ResearchAgent agent =
        agent(answering(r -> answer), fiveSources())
            .verification(VerificationPolicy.builder().verifier(rejecting()).maxRounds(0).build())
            .build();

    TypedResult<Device> result = agent.run(Task.of("Describe the Pocket 2"), Device.class);

    Device device = result.value();
    assertThat(device.weight()).isEqualTo(new Mass(167.5, "g"));
    assertThat(device.maker()).isEqualTo(new Maker("Acme", "Finland"));
    assertThat(device.colours()).containsExactly("black", "sand");
    assertThat(device.notes()).isEmpty();
    assertThat(result.sourcesOf("/weight/value")).containsExactly("S2");
    assertThat(result.sourcesOf("/colours")).containsExactly("S3");
    // The maker's country names no source of its own: it rests on what the answer cites for maker.
    assertThat(result.sourcesOf("/maker/country")).containsExactly("S4");
    assertThat(result.flagged()).isEmpty();
  }

  @Test
  void fieldsCitingNothingOrUnknownSourcesAreFlaggedNotKeptSilently() {
    String answer =
        "{\"products\": [{\"name\": \"A\", \"category\": \"PHONE\", \"priceUsd\": 1, \"released\":"
            + " \"2025-01-01\", \"batteryMah\": 1, \"_sources\": {\"name\": [\"S1\"], \"category\":"
            + " [\"S9\"], \"priceUsd\": [\"S2\", \"S9\"], \"released\": [\"S3\"]}}]}";
    ResearchAgent agent =
        agent(answering(r -> answer), fiveSources())
            .verification(VerificationPolicy.builder().verifier(rejecting()).maxRounds(0).build())
            .build();

    TypedResult<Comparison> result = agent.run(Task.of("One product"), Comparison.class);

    assertThat(result.flagged())
        .extracting(CitedField::path, CitedField::flag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "/products/0/category", "cites a source this run never saw (S9)"),
            org.assertj.core.groups.Tuple.tuple(
                "/products/0/priceUsd", "cites a source this run never saw (S9)"),
            org.assertj.core.groups.Tuple.tuple("/products/0/batteryMah", "cites no source"));
    // Unknown ids are dropped from _sources; the known one of a field stays.
    assertThat(result.sourcesOf("/products/0/priceUsd")).containsExactly("S2");
    assertThat(result.sourcesOf("/products/0/category")).isEmpty();
    assertThat(result.json().at("/products/0/_sources/category").isMissingNode()).isTrue();
  }

  @Test
  void anAnswerThatDoesNotMatchTheSchemaGoesBackToTheModelWithWhatIsWrong() {
    List<String> answers =
        new ArrayList<>(
            List.of(
                "I could not find everything, sorry.",
                "{\"products\": [{\"name\": \"A\", \"category\": \"ROBOT\"}]}",
                twentyProducts().toString()));
    ScriptedChatModel model =
        answering(r -> answers.size() > 1 ? answers.remove(0) : answers.get(0));
    ResearchAgent agent = agent(model, fiveSources()).build();

    TypedResult<Comparison> result = agent.run(Task.of("Compare"), Comparison.class);

    assertThat(result.hasValue()).isTrue();
    List<ChatRequest> act = Fixtures.actRequests(model);
    assertThat(Fixtures.last(act.get(2)).content()).contains("it is not JSON");
    assertThat(Fixtures.last(act.get(3)).content())
        .contains("products[0].category")
        .contains("PHONE, TABLET")
        .contains("products[0].priceUsd is required but missing");
  }

  @Test
  void anAnswerThatStaysUnusableFailsTheRunAndSaysWhy() {
    ResearchAgent agent = agent(answering(r -> "no JSON here"), fiveSources()).build();

    TypedResult<Comparison> result = agent.run(Task.of("Compare"), Comparison.class);

    assertThat(result.hasValue()).isFalse();
    assertThat(result.outcome().stopReason()).isEqualTo(StopReason.FAILED);
    assertThat(result.problem()).contains("could not be used as the requested JSON");
    assertThatThrownBy(result::value)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no typed value");
  }

  @Test
  void theTaskAsksForJsonWithSourcesAndTheHeaderRecordsTheSchema() {
    ScriptedChatModel model = answering(r -> twentyProducts().toString());
    InMemoryTrajectorySink sink = new InMemoryTrajectorySink();
    ResearchAgent agent = agent(model, fiveSources()).trajectorySink(sink).build();

    TypedResult<Comparison> result = agent.run(Task.of("Compare"), Comparison.class);

    String task = model.requests().get(0).messages().get(1).content();
    assertThat(task)
        .contains("only one JSON value")
        .contains("\"_sources\"")
        .contains("\"batteryMah\"");
    Trajectory recorded = sink.trajectory(result.trajectory().runId()).orElseThrow();
    assertThat(recorded.header().task().outputSchema())
        .isEqualTo(JsonSchemas.forType(Comparison.class));
    assertThat(TypedResult.of(recorded, JsonNode.class).json()).isEqualTo(result.json());
  }

  @Test
  void aRunWithoutSchemaHasNoTypedResultAndTypesWithoutObjectSchemaAreRefused() {
    Trajectory plain =
        agent(ScriptedChatModel.of(ScriptedChatModel.text("Answer: 4\n\nFour.")), fiveSources())
            .build()
            .run(Task.of("2+2?"));
    ResearchAgent agent = agent(answering(r -> "{}"), fiveSources()).build();

    assertThatThrownBy(() -> TypedResult.of(plain, JsonNode.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no output schema");
    assertThatThrownBy(() -> agent.run(Task.of("x"), String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("object or an array");
  }
}
