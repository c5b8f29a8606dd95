package dev.researcher4j.core;

import static dev.researcher4j.core.Fixtures.agent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Citation.Support;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.core.verify.Verifier;
import dev.researcher4j.testing.ScriptedChatModel;
import dev.researcher4j.testing.TrajectoryAssertions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerificationTest {

  private static final String SUPPORTED_ALL =
      "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},{\"claim\":2,\"verdict\":\"SUPPORTED\"}]}";

  @Test
  void anUnsupportedClaimSendsTheRunBackToSearchAndTheFixedDraftPasses() {
    AtomicInteger verifications = new AtomicInteger();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(
                Fixtures.isVerify(),
                r ->
                    ScriptedChatModel.text(
                        verifications.incrementAndGet() == 1
                            ? "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},"
                                + "{\"claim\":2,\"verdict\":\"CONTRADICTED\",\"note\":\"S1 says"
                                + " 1932, not 1937\"}]}"
                            : SUPPORTED_ALL))
            .reply(Fixtures.search("c1", "bridge"))
            .text("Answer: 1937\n\nThe bridge is red [S1]. It opened in 1937 [S1].")
            .reply(Fixtures.search("c2", "bridge opening"))
            .text("Answer: 1937\n\nThe bridge is red [S1]. It opened in 1937 [S2].")
            .build();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .verification(VerificationPolicy.ofDefaults())
            .build()
            .run(Task.of("When did the bridge open?"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .calledTool("web_search", 2)
        .citedSources("S1", "S2")
        .hasNoUnsupportedCitations()
        .hasCitation("S2", Support.SUPPORTED);
    assertThat(TrajectoryAssertions.steps(trajectory, StepKind.VERIFY)).hasSize(2);
    List<ChatRequest> act = Fixtures.actRequests(model);
    assertThat(Fixtures.last(act.get(2)).content())
        .startsWith("A check of your draft against its cited sources found problems:")
        .contains(
            "1. \"It opened in 1937 [S1].\" is not supported by S1: contradicted: S1 says 1932,"
                + " not 1937");
    ChatRequest verify =
        model.requests().stream().filter(Fixtures.isVerify()).findFirst().orElseThrow();
    assertThat(verify.messages().get(0).content()).startsWith("You are a strict fact-checker.");
    assertThat(verify.messages().get(1).content())
        .contains("[S1] Page about bridge — https://example.org/bridge")
        .contains("> Facts about bridge.")
        .contains("2. It opened in 1937 [S1].  (cites S1)");
  }

  @Test
  void aCitationOfAnIdTheRunNeverRegisteredIsCaughtBeforeAnyModelCheck() {
    List<List<Verifier.Claim>> asked = new ArrayList<>();
    Verifier recording =
        request -> {
          asked.add(request.claims());
          return request.claims().stream()
              .map(c -> new Verifier.Verdict(c.number(), Support.SUPPORTED, ""))
              .toList();
        };
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: x\n\nA is true [S1]. B is true [S7].")
            .text("Answer: x\n\nA is true [S1].")
            .build();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .verification(VerificationPolicy.builder().verifier(recording).build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .citedSources("S1")
        .hasNoUnsupportedCitations();
    assertThat(asked.get(0)).extracting(Verifier.Claim::text).containsExactly("A is true [S1].");
    assertThat(Fixtures.last(model.requests().get(2)).content())
        .contains("\"B is true [S7].\" cites S7, which did not appear in any tool result");
  }

  @Test
  void aUrlTheRunNeverSawIsCaught() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "a"))
            .text(
                "Answer: 5\n\nThe value is 5 according to https://made-up.example/report. A is"
                    + " known [S1].")
            .build();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .verification(
                VerificationPolicy.builder()
                    .maxRounds(0)
                    .verifier(r -> List.of(new Verifier.Verdict(1, Support.SUPPORTED, "")))
                    .build())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasCitation("https://made-up.example/report", Support.UNKNOWN_SOURCE)
        .hasCitation("S1", Support.SUPPORTED)
        .reportContains("*(unverified: cites a source this run never saw)*");
  }

  @Test
  void claimsStillUnsupportedAtTheEndAreMarkedByDefault() {
    Trajectory trajectory = runWithStubbornClaim(VerificationPolicy.Unsupported.MARK);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .hasCitation("S1", Support.UNSUPPORTED)
        .reportContains("Cats can fly [S1]. *(unverified: not supported by the cited sources)*")
        .reportContains("Dogs bark [S1].");
    assertThat(trajectory.requireOutcome().unsupportedCitations()).hasSize(1);
  }

  @Test
  void claimsStillUnsupportedAtTheEndCanBeRemoved() {
    Trajectory trajectory = runWithStubbornClaim(VerificationPolicy.Unsupported.REMOVE);

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .reportDoesNotContain("Cats can fly")
        .reportContains("Dogs bark [S1].")
        .citedSources("S1");
  }

  private static Trajectory runWithStubbornClaim(VerificationPolicy.Unsupported handling) {
    String draft = "Answer: dogs bark\n\n- Dogs bark [S1].\n- Cats can fly [S1].";
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(
                Fixtures.isVerify(),
                r ->
                    ScriptedChatModel.text(
                        "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"},"
                            + "{\"claim\":2,\"verdict\":\"UNSUPPORTED\",\"note\":\"not mentioned\"}]}"))
            .reply(Fixtures.search("c1", "pets"))
            .text(draft)
            .text(draft)
            .build();
    return agent(model, Fixtures.search())
        .verification(VerificationPolicy.builder().maxRounds(1).unsupportedClaims(handling).build())
        .build()
        .run(Task.of("q"));
  }

  @Test
  void withVerificationOffUnknownIdsAreStillCaughtButNothingIsSentBack() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: x\n\nA [S1]. B [S4].")
            .build();

    Trajectory trajectory = agent(model, Fixtures.search()).build().run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory)
        .isCompleted()
        .madeModelCalls(2)
        .hasCitation("S1", Support.UNVERIFIED)
        .hasCitation("S4", Support.UNKNOWN_SOURCE)
        .reportContains("A [S1]. B. *(unverified: cites a source this run never saw)*")
        .citedSources("S1");
  }

  @Test
  void aDraftCitingNothingIsSentBackOnce() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(
                Fixtures.isVerify(),
                r ->
                    ScriptedChatModel.text(
                        "{\"verdicts\":[{\"claim\":1,\"verdict\":\"SUPPORTED\"}]}"))
            .text("Answer: 42\n\nIt is 42.")
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: 42\n\nIt is 42 [S1].")
            .build();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .verification(VerificationPolicy.ofDefaults())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted().citedSources("S1");
    assertThat(Fixtures.last(Fixtures.actRequests(model).get(1)).content())
        .startsWith("Your draft cites no sources.");
  }

  @Test
  void anUnreadableVerifierReplyLeavesClaimsUnverifiedWithoutFailingTheRun() {
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .when(Fixtures.isVerify(), r -> ScriptedChatModel.text("Looks fine to me!"))
            .reply(Fixtures.search("c1", "a"))
            .text("Answer: x\n\nA [S1].")
            .build();

    Trajectory trajectory =
        agent(model, Fixtures.search())
            .verification(VerificationPolicy.ofDefaults())
            .build()
            .run(Task.of("q"));

    TrajectoryAssertions.assertThat(trajectory).isCompleted().hasCitation("S1", Support.UNVERIFIED);
    assertThat(TrajectoryAssertions.steps(trajectory, StepKind.VERIFY)).hasSize(2);
  }

  @Test
  void aSingleSourceResultBecomesItsExcerptSoItCanBeVerified() {
    var reader =
        Fixtures.tool(
            "web_search",
            (c, ctx) ->
                ToolResult.of(
                    "The Golden Gate Bridge opened on May 27, 1937.",
                    List.of(Source.web("https://example.org/ggb", "Golden Gate Bridge", ""))));
    List<Verifier.Request> asked = new ArrayList<>();
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .reply(Fixtures.search("c1", "ggb"))
            .text("Answer: 1937\n\nIt opened in 1937 [S1].")
            .build();

    agent(model, reader)
        .verification(
            VerificationPolicy.builder()
                .verifier(
                    r -> {
                      asked.add(r);
                      return List.of();
                    })
                .build())
        .build()
        .run(Task.of("q"));

    assertThat(asked.get(0).sources().get("S1").excerpts())
        .containsExactly("The Golden Gate Bridge opened on May 27, 1937.");
  }
}
