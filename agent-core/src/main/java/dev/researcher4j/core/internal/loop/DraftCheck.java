package dev.researcher4j.core.internal.loop;

import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Citation.Support;
import dev.researcher4j.api.Source;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.core.verify.Verifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Checks a draft's citations and turns the draft into the final answer and report. The check has a
 * deterministic part (ids and URLs the run never saw) and an optional model part (the {@link
 * Verifier}); the assembly marks or removes unsupported claims, drops citations of unknown ids, and
 * appends the list of cited sources.
 */
public final class DraftCheck {
  private DraftCheck() {}

  /** Why claims are unverified when verification is switched off. */
  public static final String VERIFICATION_OFF = "verification was off";

  /** Why a claim is unverified when the verifier said nothing about it. */
  public static final String NO_VERDICT = "the checker gave no verdict on it";

  /** A claim the draft gets wrong, for the feedback to the model. */
  public record Problem(String claim, String issue) {}

  /**
   * The result of checking a draft.
   *
   * @param draft the draft
   * @param citations every citation with what was found, claim by claim
   * @param problems the claims that are unsupported or cite unknown sources
   * @param bad the claims (by their text) to mark or remove, with a reason
   * @param verdicts the verdicts the verifier returned, for the trajectory
   * @param unverified the claims (by their text) nobody checked, with the reason
   */
  public record Checked(
      Draft draft,
      List<Citation> citations,
      List<Problem> problems,
      Map<String, String> bad,
      List<Verifier.Verdict> verdicts,
      Map<String, String> unverified) {

    /** Whether claims are unsupported or cite sources the run never saw. */
    public boolean hasProblems() {
      return !problems.isEmpty();
    }

    /**
     * Why most unverified claims went unchecked ("the checker's reply could not be read"), or empty
     * when every claim was checked.
     */
    public String unverifiedReason() {
      Map<String, Integer> counts = new LinkedHashMap<>();
      unverified.values().forEach(reason -> counts.merge(reason, 1, Integer::sum));
      return counts.entrySet().stream()
          .max(Map.Entry.comparingByValue())
          .map(Map.Entry::getKey)
          .orElse("");
    }

    /** Whether claims went unchecked because verification failed (not because it was off). */
    public boolean verificationFailed() {
      return unverified.values().stream().anyMatch(reason -> !reason.equals(VERIFICATION_OFF));
    }
  }

  /** The final answer and report. */
  public record Assembled(
      String answer, String report, List<Source> sources, List<Citation> citations) {}

  /**
   * Checks {@code draft} against {@code registry}; {@code modelCheck} judges the claims whose ids
   * exist, or is {@code null} to skip that (their citations are then unverified).
   */
  public static Checked check(
      Draft draft,
      SourceRegistry registry,
      Function<List<Verifier.Claim>, List<Verifier.Verdict>> modelCheck) {
    return check(draft, registry, modelCheck, VERIFICATION_OFF);
  }

  /**
   * As {@link #check(Draft, SourceRegistry, Function)}, giving {@code uncheckedReason} as the
   * reason claims are unverified when {@code modelCheck} is {@code null}.
   */
  public static Checked check(
      Draft draft,
      SourceRegistry registry,
      Function<List<Verifier.Claim>, List<Verifier.Verdict>> modelCheck,
      String uncheckedReason) {
    List<Verifier.Claim> toVerify = new ArrayList<>();
    Map<Integer, Draft.Claim> byNumber = new LinkedHashMap<>();
    Map<Draft.Claim, List<Citation>> unknown = new LinkedHashMap<>();
    for (Draft.Claim claim : draft.claims()) {
      Set<String> known = new LinkedHashSet<>();
      List<Citation> unknownHere = new ArrayList<>();
      for (String id : claim.ids()) {
        if (registry.byId(id).isPresent()) {
          known.add(id);
        } else {
          unknownHere.add(
              new Citation(
                  id,
                  display(claim.text()),
                  Support.UNKNOWN_SOURCE,
                  "no source " + id + " appeared in this run's tool results"));
        }
      }
      for (String url : claim.urls()) {
        Optional<Source> source = registry.byUrl(url);
        if (source.isPresent()) {
          known.add(source.get().id());
        } else {
          unknownHere.add(
              new Citation(
                  url,
                  display(claim.text()),
                  Support.UNKNOWN_SOURCE,
                  "this URL never appeared in this run's tool results"));
        }
      }
      unknown.put(claim, unknownHere);
      if (!known.isEmpty()) {
        int number = toVerify.size() + 1;
        toVerify.add(new Verifier.Claim(number, claim.text(), List.copyOf(known)));
        byNumber.put(number, claim);
      }
    }
    List<Verifier.Verdict> verdicts =
        modelCheck == null || toVerify.isEmpty() ? List.of() : modelCheck.apply(toVerify);
    Map<Integer, Verifier.Verdict> verdictByNumber = new LinkedHashMap<>();
    for (Verifier.Verdict verdict : verdicts) {
      if (verdict.support() != Support.UNKNOWN_SOURCE) {
        verdictByNumber.putIfAbsent(verdict.claim(), verdict);
      }
    }
    List<Citation> citations = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    Map<String, String> bad = new LinkedHashMap<>();
    Map<String, String> unverified = new LinkedHashMap<>();
    Map<Draft.Claim, Verifier.Claim> verifyOf = new LinkedHashMap<>();
    byNumber.forEach((number, claim) -> verifyOf.put(claim, toVerify.get(number - 1)));
    for (Draft.Claim claim : draft.claims()) {
      List<String> issues = new ArrayList<>();
      String reason = "";
      for (Citation citation : unknown.get(claim)) {
        citations.add(citation);
        issues.add("cites " + citation.sourceId() + ", which did not appear in any tool result");
        reason = "cites a source this run never saw";
      }
      Verifier.Claim verified = verifyOf.get(claim);
      if (verified != null) {
        Verifier.Verdict verdict = verdictByNumber.get(verified.number());
        Support support = verdict == null ? Support.UNVERIFIED : verdict.support();
        String note =
            verdict == null ? (modelCheck == null ? uncheckedReason : NO_VERDICT) : verdict.note();
        for (String id : verified.sourceIds()) {
          citations.add(new Citation(id, display(claim.text()), support, note));
        }
        if (support == Support.UNVERIFIED) {
          unverified.put(claim.text(), note.isBlank() ? NO_VERDICT : note);
        }
        if (support == Support.UNSUPPORTED) {
          issues.add(
              "is not supported by "
                  + String.join(", ", verified.sourceIds())
                  + (note.isBlank() ? "" : ": " + note));
          reason = "not supported by the cited sources";
        }
      }
      if (!issues.isEmpty()) {
        problems.add(new Problem(display(claim.text()), String.join("; ", issues)));
        bad.put(claim.text(), reason);
      }
    }
    return new Checked(
        draft,
        List.copyOf(citations),
        List.copyOf(problems),
        bad,
        List.copyOf(verdicts),
        unverified);
  }

  /** The feedback list for the model: one numbered line per problem. */
  public static String describe(List<Problem> problems) {
    StringBuilder text = new StringBuilder();
    int n = 1;
    for (Problem problem : problems) {
      text.append(n++)
          .append(". \"")
          .append(problem.claim())
          .append("\" ")
          .append(problem.issue())
          .append('\n');
    }
    return text.toString().strip();
  }

  /**
   * The final answer and report from a checked draft: unsupported claims marked or removed ({@code
   * mode}), citations of unknown ids dropped, claims the verifier failed to check marked as not
   * verified, and the list of cited sources appended.
   */
  public static Assembled assemble(
      Checked checked, VerificationPolicy.Unsupported mode, SourceRegistry registry) {
    Draft draft = checked.draft();
    String body = markedBody(checked, mode, registry);
    Set<String> cited = new LinkedHashSet<>(SourceIds.find(draft.answerLine()));
    cited.addAll(SourceIds.find(body));
    for (Draft.Claim claim : draft.claims()) {
      for (String url : claim.urls()) {
        registry.byUrl(url).ifPresent(s -> cited.add(s.id()));
      }
    }
    List<Source> sources =
        cited.stream()
            .map(registry::byId)
            .flatMap(Optional::stream)
            .sorted(Comparator.comparingInt(s -> Integer.parseInt(s.id().substring(1))))
            .toList();
    String report = sources.isEmpty() ? body : body + "\n\n" + sourceList(sources);
    return new Assembled(draft.answer(), report.strip(), sources, checked.citations());
  }

  /**
   * The body of a checked draft with unsupported claims marked or removed ({@code mode}), citations
   * of unknown ids dropped, and claims the verifier failed to check marked as not verified.
   */
  public static String markedBody(
      Checked checked, VerificationPolicy.Unsupported mode, SourceRegistry registry) {
    Draft draft = checked.draft();
    String body = draft.body();
    boolean changed = false;
    for (Draft.Claim claim : draft.claims()) {
      if (!claim.inBody()) {
        continue;
      }
      String reason = checked.bad().get(claim.text());
      String unchecked = checked.unverified().get(claim.text());
      String replacement = withoutUnknownIds(claim.text(), registry);
      if (reason != null) {
        replacement =
            mode == VerificationPolicy.Unsupported.REMOVE
                ? ""
                : replacement + " *(unverified: " + reason + ")*";
      } else if (unchecked != null && !unchecked.equals(VERIFICATION_OFF)) {
        replacement = replacement + " *(not verified: " + unchecked + ")*";
      }
      if (!replacement.equals(claim.text())) {
        body = replaceFirst(body, claim.text(), replacement);
        changed = true;
      }
    }
    return changed ? tidy(body) : body;
  }

  /** The list of {@code sources} a report ends with: {@code ## Sources}, one line per source. */
  public static String sourceList(List<Source> sources) {
    StringBuilder list = new StringBuilder("## Sources\n");
    for (Source source : sources) {
      list.append("\n- [").append(source.id()).append("] ");
      if (!source.title().isBlank()) {
        list.append(source.title()).append(" — ");
      }
      list.append(source.url());
    }
    return list.toString();
  }

  private static String withoutUnknownIds(String text, SourceRegistry registry) {
    Matcher marker = SourceIds.MARKER.matcher(text);
    return marker.replaceAll(
        m -> {
          List<String> known =
              SourceIds.idsIn(m.group(1)).stream()
                  .filter(id -> registry.byId(id).isPresent())
                  .toList();
          if (known.size() == SourceIds.idsIn(m.group(1)).size()) {
            return Matcher.quoteReplacement(m.group());
          }
          return known.isEmpty()
              ? ""
              : Matcher.quoteReplacement("[" + String.join(", ", known) + "]");
        });
  }

  private static String replaceFirst(String text, String target, String replacement) {
    int at = text.indexOf(target);
    return at < 0
        ? text
        : text.substring(0, at) + replacement + text.substring(at + target.length());
  }

  /** Cleans up after removals: empty bullets, doubled spaces, space before punctuation. */
  private static String tidy(String body) {
    return body.replaceAll("(?m)^[ \\t]*(?:[-*+]|\\d+[.)])[ \\t]*$\\n?", "")
        .replaceAll("(?<=\\S)[ \\t]+([.,;:])(?=\\s|$)", "$1")
        .replaceAll("(?<=\\S)[ \\t]{2,}(?=\\S)", " ")
        .replaceAll("\\n{3,}", "\n\n")
        .strip();
  }

  /** A claim for display: without a leading list marker. */
  public static String display(String text) {
    return text.replaceFirst("^\\s*(?:[-*+]|\\d+[.)])\\s+", "").strip();
  }
}
