package dev.researcher4j.core.verify;

import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.ResearchException;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StructuredOutputException;
import dev.researcher4j.core.json.Description;
import dev.researcher4j.core.json.StructuredOutput;
import dev.researcher4j.core.prompt.Prompts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Verifier}: the model judges each claim against the excerpts of the sources it
 * cites, and answers with structured verdicts (read with {@link StructuredOutput}, asking once more
 * when the reply is not valid JSON).
 *
 * <p>Claims are checked {@value #DEFAULT_CLAIMS_PER_CALL} per call, each source shown with up to
 * {@value #DEFAULT_EXCERPT_CHARS} characters of excerpts. A claim judged partly supported or
 * contradicted counts as unsupported (with the model's note saying which), because a citation that
 * only half backs a claim is what readers are misled by. When a call fails, the claims it covered
 * stay unverified; verification never fails a run.
 *
 * <p>Immutable and thread-safe.
 */
public final class ModelVerifier implements Verifier {

  private static final Logger LOG = LoggerFactory.getLogger(ModelVerifier.class);

  /** The response-format name of verification requests, for routing fakes in tests. */
  public static final String RESPONSE_FORMAT_NAME = "claim_verdicts";

  /**
   * Why claims stay unverified when the checker's reply is not the structured verdicts asked for.
   */
  public static final String UNREADABLE_REPLY = "the checker's reply could not be read";

  /** Default number of claims checked per model call. */
  public static final int DEFAULT_CLAIMS_PER_CALL = 8;

  /** Default characters of excerpts shown per source. */
  public static final int DEFAULT_EXCERPT_CHARS = 6_000;

  enum Judgement {
    SUPPORTED,
    PARTIAL,
    UNSUPPORTED,
    CONTRADICTED
  }

  record ClaimVerdict(
      @Description("the claim's number") int claim,
      @Description("whether the cited excerpts support the claim") Judgement verdict,
      @Description("what is missing or different; empty when supported") Optional<String> note) {}

  record Verdicts(@Description("one verdict per claim") List<ClaimVerdict> verdicts) {}

  private static final ModelVerifier DEFAULTS = builder().build();

  private final String prompt;
  private final int claimsPerCall;
  private final int excerptChars;

  private ModelVerifier(Builder b) {
    this.prompt = b.prompt;
    this.claimsPerCall = b.claimsPerCall;
    this.excerptChars = b.excerptChars;
  }

  /** The defaults (using the agent's verification prompt). */
  public static ModelVerifier ofDefaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Verdict> verify(Request request) {
    List<Verdict> verdicts = new ArrayList<>();
    List<Claim> claims = request.claims();
    for (int from = 0; from < claims.size(); from += claimsPerCall) {
      List<Claim> batch = claims.subList(from, Math.min(claims.size(), from + claimsPerCall));
      verdicts.addAll(verifyBatch(request, batch));
    }
    return verdicts;
  }

  private List<Verdict> verifyBatch(Request request, List<Claim> batch) {
    String instructions = prompt.isEmpty() ? request.instructions() : prompt;
    if (instructions.isBlank()) {
      instructions = Prompts.defaults().verifier();
    }
    ChatRequest chat =
        StructuredOutput.withSchemaFormat(
            ChatRequest.builder()
                .addMessage(Message.system(instructions))
                .addMessage(Message.user(describe(request, batch)))
                .build(),
            RESPONSE_FORMAT_NAME,
            Verdicts.class);
    Verdicts reply;
    try {
      reply = StructuredOutput.ofDefaults().ask(request.model(), chat, Verdicts.class).value();
    } catch (ResearchException e) {
      LOG.debug("verification call failed; claims stay unverified: {}", e.getMessage());
      String why =
          e instanceof StructuredOutputException
              ? UNREADABLE_REPLY
              : "the check failed: " + e.getMessage();
      return batch.stream()
          .map(c -> new Verdict(c.number(), Citation.Support.UNVERIFIED, why))
          .toList();
    }
    List<Verdict> verdicts = new ArrayList<>();
    Set<Integer> numbers = new LinkedHashSet<>();
    batch.forEach(c -> numbers.add(c.number()));
    for (ClaimVerdict verdict :
        reply.verdicts() == null ? List.<ClaimVerdict>of() : reply.verdicts()) {
      if (verdict == null || verdict.verdict() == null || !numbers.remove(verdict.claim())) {
        continue;
      }
      String note = verdict.note() == null ? "" : verdict.note().orElse("").strip();
      verdicts.add(
          switch (verdict.verdict()) {
            case SUPPORTED -> new Verdict(verdict.claim(), Citation.Support.SUPPORTED, note);
            case PARTIAL ->
                new Verdict(
                    verdict.claim(),
                    Citation.Support.UNSUPPORTED,
                    "only partly supported: " + note);
            case CONTRADICTED ->
                new Verdict(verdict.claim(), Citation.Support.UNSUPPORTED, "contradicted: " + note);
            case UNSUPPORTED -> new Verdict(verdict.claim(), Citation.Support.UNSUPPORTED, note);
          });
    }
    return verdicts;
  }

  private String describe(Request request, List<Claim> batch) {
    Set<String> cited = new LinkedHashSet<>();
    batch.forEach(c -> cited.addAll(c.sourceIds()));
    StringBuilder text = new StringBuilder("Sources:\n");
    for (String id : cited) {
      Source source = request.sources().get(id);
      if (source == null) {
        continue;
      }
      text.append("\n[").append(id).append("] ");
      if (!source.title().isBlank()) {
        text.append(source.title()).append(" — ");
      }
      text.append(source.url()).append('\n');
      if (source.excerpts().isEmpty()) {
        text.append("(no excerpt of this source was seen)\n");
      } else {
        int left = excerptChars;
        for (String excerpt : source.excerpts()) {
          if (left <= 0) {
            text.append("> […]\n");
            break;
          }
          String shown = excerpt.length() <= left ? excerpt : excerpt.substring(0, left) + " […]";
          left -= shown.length();
          text.append("> ").append(shown.strip().replace("\n", "\n> ")).append('\n');
        }
      }
    }
    text.append("\nClaims:\n");
    for (Claim claim : batch) {
      text.append(claim.number())
          .append(". ")
          .append(claim.text().strip())
          .append("  (cites ")
          .append(String.join(", ", claim.sourceIds()))
          .append(")\n");
    }
    return text.toString();
  }

  /** Builds a {@link ModelVerifier}; setters reject bad values at once. Not thread-safe. */
  public static final class Builder {
    private String prompt = "";
    private int claimsPerCall = DEFAULT_CLAIMS_PER_CALL;
    private int excerptChars = DEFAULT_EXCERPT_CHARS;

    private Builder() {}

    /** The verifier's system prompt; default: the agent's {@link Prompts#verifier()}. */
    public Builder prompt(String prompt) {
      if (prompt == null || prompt.isBlank()) {
        throw new IllegalArgumentException("prompt must not be blank");
      }
      this.prompt = prompt;
      return this;
    }

    /** Claims checked per model call, at least 1. */
    public Builder claimsPerCall(int claimsPerCall) {
      if (claimsPerCall < 1) {
        throw new IllegalArgumentException("claimsPerCall must be >= 1, but was " + claimsPerCall);
      }
      this.claimsPerCall = claimsPerCall;
      return this;
    }

    /** Characters of excerpts shown per source, at least 200. */
    public Builder excerptChars(int excerptChars) {
      if (excerptChars < 200) {
        throw new IllegalArgumentException("excerptChars must be >= 200, but was " + excerptChars);
      }
      this.excerptChars = excerptChars;
      return this;
    }

    /** Builds the verifier. */
    public ModelVerifier build() {
      return new ModelVerifier(this);
    }
  }
}
