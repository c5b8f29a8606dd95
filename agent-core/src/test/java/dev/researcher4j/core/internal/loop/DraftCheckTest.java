package dev.researcher4j.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Citation.Support;
import dev.researcher4j.api.Source;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.verify.VerificationPolicy.Unsupported;
import dev.researcher4j.core.verify.Verifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The deterministic check of a draft's citations, how the verifier's verdicts are applied, and the
 * report assembled from the result.
 */
class DraftCheckTest {

  private final SourceRegistry registry = new SourceRegistry();

  /** Registers {@code count} sources, S1 to S{count}; odd ones have a title. */
  private void sources(int count) {
    for (int i = 1; i <= count; i++) {
      registry.register(
          Source.web("https://example.org/" + i, i % 2 == 1 ? "Page " + i : "", "Excerpt " + i));
    }
  }

  private static Verifier.Verdict verdict(int claim, Support support, String note) {
    return new Verifier.Verdict(claim, support, note);
  }

  /** A verifier judging every claim supported except those numbered {@code unsupported}. */
  private static Function<List<Verifier.Claim>, List<Verifier.Verdict>> supportedBut(
      Integer... unsupported) {
    return claims ->
        claims.stream()
            .map(
                claim ->
                    verdict(
                        claim.number(),
                        List.of(unsupported).contains(claim.number())
                            ? Support.UNSUPPORTED
                            : Support.SUPPORTED,
                        ""))
            .toList();
  }

  @Test
  void citationsOfIdsAndUrlsTheRunNeverSawAreProblemsWithoutAskingTheVerifier() {
    sources(1);
    List<List<Verifier.Claim>> asked = new ArrayList<>();
    Draft draft =
        Draft.parse("Answer: x\n\n- It is red [S9]. It is old, see https://nowhere.example/a.");

    DraftCheck.Checked checked =
        DraftCheck.check(
            draft,
            registry,
            claims -> {
              asked.add(claims);
              return List.of();
            });

    assertThat(asked).isEmpty();
    assertThat(checked.citations())
        .containsExactly(
            new Citation(
                "S9",
                "It is red [S9].",
                Support.UNKNOWN_SOURCE,
                "no source S9 appeared in this run's tool results"),
            new Citation(
                "https://nowhere.example/a",
                "It is old, see https://nowhere.example/a.",
                Support.UNKNOWN_SOURCE,
                "this URL never appeared in this run's tool results"));
    assertThat(checked.problems())
        .containsExactly(
            new DraftCheck.Problem(
                "It is red [S9].", "cites S9, which did not appear in any tool result"),
            new DraftCheck.Problem(
                "It is old, see https://nowhere.example/a.",
                "cites https://nowhere.example/a, which did not appear in any tool result"));
    assertThat(checked.bad())
        .containsEntry("- It is red [S9].", "cites a source this run never saw")
        .hasSize(2);
    assertThat(checked.hasProblems()).isTrue();
    assertThat(checked.unverified()).isEmpty();
    assertThat(checked.unverifiedReason()).isEmpty();
    assertThat(checked.verificationFailed()).isFalse();
  }

  @Test
  void knownIdsAndUrlsAreJudgedByTheVerifierClaimByClaim() {
    sources(3);
    List<Verifier.Claim> asked = new ArrayList<>();
    Draft draft =
        Draft.parse(
            "Answer: x\n\nA is true [S1]. B is true, see https://example.org/2. C is true [S3]."
                + " D is true [S1, S3].");

    DraftCheck.Checked checked =
        DraftCheck.check(
            draft,
            registry,
            claims -> {
              asked.addAll(claims);
              return List.of(
                  verdict(1, Support.SUPPORTED, "says so"),
                  verdict(2, Support.UNSUPPORTED, "says B is false"),
                  verdict(2, Support.SUPPORTED, "a second verdict is ignored"),
                  verdict(3, Support.UNSUPPORTED, " "),
                  verdict(4, Support.UNKNOWN_SOURCE, "not a verdict the verifier may give"));
            });

    assertThat(asked)
        .containsExactly(
            new Verifier.Claim(1, "A is true [S1].", List.of("S1")),
            new Verifier.Claim(2, "B is true, see https://example.org/2.", List.of("S2")),
            new Verifier.Claim(3, "C is true [S3].", List.of("S3")),
            new Verifier.Claim(4, "D is true [S1, S3].", List.of("S1", "S3")));
    assertThat(checked.citations())
        .containsExactly(
            new Citation("S1", "A is true [S1].", Support.SUPPORTED, "says so"),
            new Citation(
                "S2",
                "B is true, see https://example.org/2.",
                Support.UNSUPPORTED,
                "says B is false"),
            new Citation("S3", "C is true [S3].", Support.UNSUPPORTED, " "),
            new Citation("S1", "D is true [S1, S3].", Support.UNVERIFIED, DraftCheck.NO_VERDICT),
            new Citation("S3", "D is true [S1, S3].", Support.UNVERIFIED, DraftCheck.NO_VERDICT));
    assertThat(checked.problems())
        .containsExactly(
            new DraftCheck.Problem(
                "B is true, see https://example.org/2.", "is not supported by S2: says B is false"),
            new DraftCheck.Problem("C is true [S3].", "is not supported by S3"));
    assertThat(checked.bad())
        .isEqualTo(
            Map.of(
                "B is true, see https://example.org/2.", "not supported by the cited sources",
                "C is true [S3].", "not supported by the cited sources"));
    assertThat(checked.unverified())
        .isEqualTo(Map.of("D is true [S1, S3].", DraftCheck.NO_VERDICT));
    assertThat(checked.verdicts()).hasSize(5);
    assertThat(checked.verificationFailed()).isTrue();
  }

  @Test
  void withoutAVerifierKnownCitationsAreUnverifiedForTheGivenReason() {
    sources(1);
    Draft draft = Draft.parse("Answer: x\n\nA [S1]. B [S1].");

    DraftCheck.Checked off = DraftCheck.check(draft, registry, null);
    DraftCheck.Checked failed =
        DraftCheck.check(draft, registry, null, "the checker's reply could not be read");

    assertThat(off.citations()).extracting(Citation::support).containsOnly(Support.UNVERIFIED);
    assertThat(off.unverified()).containsValues(DraftCheck.VERIFICATION_OFF);
    assertThat(off.unverifiedReason()).isEqualTo(DraftCheck.VERIFICATION_OFF);
    assertThat(off.verificationFailed()).isFalse();
    assertThat(off.hasProblems()).isFalse();
    assertThat(failed.unverifiedReason()).isEqualTo("the checker's reply could not be read");
    assertThat(failed.verificationFailed()).isTrue();
  }

  @Test
  void theReasonMostClaimsWentUncheckedIsTheOneGiven() {
    DraftCheck.Checked checked =
        new DraftCheck.Checked(
            Draft.parse("x"),
            List.of(),
            List.of(),
            Map.of(),
            List.of(),
            Map.of("a", "timeout", "b", "no verdict", "c", "no verdict"));

    assertThat(checked.unverifiedReason()).isEqualTo("no verdict");
  }

  @Test
  void problemsAreListedNumberedForTheModel() {
    assertThat(
            DraftCheck.describe(
                List.of(
                    new DraftCheck.Problem("A [S1].", "is not supported by S1"),
                    new DraftCheck.Problem("B [S9].", "cites S9, which did not appear"))))
        .isEqualTo(
            "1. \"A [S1].\" is not supported by S1\n"
                + "2. \"B [S9].\" cites S9, which did not appear");
    assertThat(DraftCheck.describe(List.of())).isEmpty();
  }

  @Test
  void theReportMarksUnsupportedClaimsDropsUnknownIdsAndListsTheCitedSourcesInOrder() {
    sources(12);
    Draft draft =
        Draft.parse(
            "Answer: 42 [S12]\n\nA is true [S10]. B is false [S2]. C is true [S2, S99]. D [S11]."
                + " E, see https://example.org/3.");
    DraftCheck.Checked checked = DraftCheck.check(draft, registry, supportedBut(3));

    DraftCheck.Assembled assembled = DraftCheck.assemble(checked, Unsupported.MARK, registry);

    assertThat(assembled.answer()).isEqualTo("42");
    assertThat(assembled.report())
        .isEqualTo(
            "A is true [S10]. B is false [S2]. *(unverified: not supported by the cited sources)*"
                + " C is true [S2]. *(unverified: cites a source this run never saw)* D [S11]. E,"
                + " see https://example.org/3.\n\n"
                + "## Sources\n\n"
                + "- [S2] https://example.org/2\n"
                + "- [S3] Page 3 — https://example.org/3\n"
                + "- [S10] https://example.org/10\n"
                + "- [S11] Page 11 — https://example.org/11\n"
                + "- [S12] https://example.org/12");
    assertThat(assembled.sources())
        .extracting(Source::id)
        .containsExactly("S2", "S3", "S10", "S11", "S12");
    assertThat(assembled.citations()).isEqualTo(checked.citations());
  }

  @Test
  void removedClaimsLeaveNoEmptyBulletsOrDoubleSpaces() {
    sources(2);
    Draft draft =
        Draft.parse(
            "Answer: x\n\n1. A is true [S1].\n2. B is false [S2].\n\nC [S1]. D [S2]. E [S1].");
    DraftCheck.Checked checked = DraftCheck.check(draft, registry, supportedBut(2, 4));

    String report = DraftCheck.assemble(checked, Unsupported.REMOVE, registry).report();

    assertThat(report)
        .startsWith("1. A is true [S1].\n\nC [S1]. E [S1].\n\n## Sources")
        .contains("- [S1] Page 1 — https://example.org/1")
        .doesNotContain("[S2]");
  }

  @Test
  void claimsTheCheckerFailedOnAreMarkedAndClaimsNotCheckedByChoiceAreNot() {
    sources(1);
    Draft draft = Draft.parse("Answer: x\n\nA is true [S1].");

    String failed =
        DraftCheck.assemble(
                DraftCheck.check(draft, registry, null, "the checker timed out"),
                Unsupported.MARK,
                registry)
            .report();
    String off =
        DraftCheck.assemble(DraftCheck.check(draft, registry, null), Unsupported.MARK, registry)
            .report();

    assertThat(failed).startsWith("A is true [S1]. *(not verified: the checker timed out)*\n\n");
    assertThat(off).startsWith("A is true [S1].\n\n## Sources");
  }

  @Test
  void aReportOfOnlySourcesStartsWithThem() {
    sources(1);
    Draft draft = Draft.parse("Answer: yes [S1]");

    String report =
        DraftCheck.assemble(DraftCheck.check(draft, registry, null), Unsupported.MARK, registry)
            .report();

    assertThat(report).isEqualTo("## Sources\n\n- [S1] Page 1 — https://example.org/1");
  }

  @Test
  void aReportCitingNothingHasNoSourcesSection() {
    Draft draft = Draft.parse("Answer: yes\n\nNothing cited here.");

    assertThat(
            DraftCheck.assemble(DraftCheck.check(draft, registry, null), Unsupported.MARK, registry)
                .report())
        .isEqualTo("Nothing cited here.");
  }

  @Test
  void claimsAreDisplayedWithoutTheirListMarker() {
    assertThat(DraftCheck.display("  - A [S1].")).isEqualTo("A [S1].");
    assertThat(DraftCheck.display("12) B.")).isEqualTo("B.");
    assertThat(DraftCheck.display("3.5 C.")).isEqualTo("3.5 C.");
  }
}
