package dev.researcher4j.core.internal.stage;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Task;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.loop.Action;
import dev.researcher4j.core.internal.loop.DraftCheck;
import dev.researcher4j.core.internal.loop.Event;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.core.verify.Verifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification stage: checks a draft's citations, first deterministically (ids and URLs the run
 * never saw), then with the {@link Verifier} when verification is on. A verifier that fails leaves
 * claims unverified — and says so, in the step and later in the outcome — but never fails the run.
 */
public final class Verification {
  private Verification() {}

  private static final Logger LOG = LoggerFactory.getLogger(Verification.class);

  /** Checks {@code action}'s draft. */
  public static Event.Verified verify(
      Action.Verify action,
      StageModel model,
      SourceRegistry sources,
      VerificationPolicy policy,
      Task task,
      String instructions) {
    Function<List<Verifier.Claim>, List<Verifier.Verdict>> modelCheck = null;
    if (policy.enabled()) {
      modelCheck = claims -> ask(policy.verifier(), claims, sources, model, task, instructions);
    }
    DraftCheck.Checked checked;
    try {
      checked = DraftCheck.check(action.draft(), sources, modelCheck);
    } catch (StageModel.Stopped stopped) {
      checked = DraftCheck.check(action.draft(), sources, null);
      return new Event.Verified(checked, model.uses(), stopped.stop(), model.now());
    }
    if (policy.enabled() || checked.hasProblems()) {
      model.finish(data(action.round(), checked), summary(checked));
    }
    return new Event.Verified(checked, model.uses(), model.stop(), model.now());
  }

  private static List<Verifier.Verdict> ask(
      Verifier verifier,
      List<Verifier.Claim> claims,
      SourceRegistry sources,
      StageModel model,
      Task task,
      String instructions) {
    Map<String, Source> cited = new LinkedHashMap<>();
    for (Verifier.Claim claim : claims) {
      for (String id : claim.sourceIds()) {
        sources.byId(id).ifPresent(source -> cited.put(id, source));
      }
    }
    try {
      List<Verifier.Verdict> verdicts =
          verifier.verify(new Verifier.Request(task, claims, cited, model, instructions));
      return verdicts == null ? List.of() : verdicts;
    } catch (StageModel.Stopped stopped) {
      throw stopped;
    } catch (RuntimeException e) {
      // A broken verifier leaves claims unverified, saying why; it never fails the run.
      LOG.warn("verifier {} threw; claims stay unverified: {}", verifier.getClass(), e.toString());
      String note = "the checker failed (" + e.getClass().getSimpleName() + ")";
      return claims.stream()
          .map(c -> new Verifier.Verdict(c.number(), Citation.Support.UNVERIFIED, note))
          .toList();
    }
  }

  private static ObjectNode data(int round, DraftCheck.Checked checked) {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    data.put("round", round);
    data.put("claims", checked.draft().claims().size());
    ArrayNode citations = data.putArray("citations");
    for (Citation citation : checked.citations()) {
      ObjectNode c = citations.addObject();
      c.put("source_id", citation.sourceId());
      c.put("claim", citation.claim());
      c.put("support", citation.support().name());
      if (!citation.note().isEmpty()) {
        c.put("note", citation.note());
      }
    }
    ArrayNode problems = data.putArray("problems");
    for (DraftCheck.Problem problem : checked.problems()) {
      problems.addObject().put("claim", problem.claim()).put("issue", problem.issue());
    }
    if (!checked.unverified().isEmpty()) {
      data.put("unverified", checked.unverified().size());
      data.put("unverified_reason", checked.unverifiedReason());
    }
    return data;
  }

  /**
   * One line for people: what was found, and — never hidden behind "0 problems" — how many claims
   * nobody could check, and why.
   */
  static String summary(DraftCheck.Checked checked) {
    int claims = checked.draft().claims().size();
    int unsupported = 0;
    int unknown = 0;
    for (Citation citation : checked.citations()) {
      if (citation.support() == Citation.Support.UNSUPPORTED) {
        unsupported++;
      } else if (citation.support() == Citation.Support.UNKNOWN_SOURCE) {
        unknown++;
      }
    }
    String problems =
        checked.problems().size()
            + " of "
            + claims
            + " claims with problems ("
            + unsupported
            + " unsupported citations, "
            + unknown
            + " unknown sources)";
    if (checked.unverified().isEmpty()) {
      return problems;
    }
    String unverified =
        checked.unverified().size()
            + " of "
            + claims
            + " claims not verified ("
            + checked.unverifiedReason()
            + ")";
    return checked.problems().isEmpty() ? unverified : unverified + "; " + problems;
  }
}
