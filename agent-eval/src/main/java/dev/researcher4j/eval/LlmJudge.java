package dev.researcher4j.eval;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.StructuredOutputException;
import dev.researcher4j.core.json.StructuredOutput;
import dev.researcher4j.eval.internal.AnswerText;
import dev.researcher4j.eval.internal.Grades;
import dev.researcher4j.eval.internal.JudgePrompt;
import dev.researcher4j.eval.internal.JudgementCache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A grader that asks a language model (any {@link ChatModel}) whether a response matches the
 * reference answer, in the manner of the HLE and BrowseComp judges.
 *
 * <p>The judge is shown the question, the response and the reference, and returns a structured
 * verdict: the final answer it extracted from the response ({@code None} if there is none), its
 * reasoning about the difference (it is told not to solve the question), {@code correct: yes|no}
 * (equivalent meaning; for numbers only a rounding margin; any ambiguity is "no") and the
 * confidence the response states (100 when none, as HLE does). The verdict is read with {@link
 * StructuredOutput} (tolerant of prose and fences; the judge is asked again {@link
 * Builder#maxReasks once} after an unreadable reply); a reply in HLE's labelled-lines format
 * ({@code correct: yes}) is read too.
 *
 * <p>A reply that still cannot be read, a "correct" that is neither yes nor no, or a judge that
 * throws (down, rate limited past its retries) gives {@link Grade.Label#GRADER_ERROR}: never a pass
 * or a fail. A blank response is {@link Grade.Label#NOT_ATTEMPTED} without asking the judge.
 *
 * <p>Judgements are cached by (item id, hash of reference and response, judge id), so identical
 * answers across attempts cost one call; an {@link Evaluation} also keeps them on disk beside its
 * results. Grader errors are not cached. Immutable and thread-safe.
 */
public final class LlmJudge implements Grader {

  /** This grader's id and version. */
  public static final String ID = "llm-judge/1";

  private final ChatModel model;
  private final String judgeModel;
  private final ChatOptions options;
  private final StructuredOutput structured;
  private final boolean schemaFormat;
  private final JudgementCache cache;

  private LlmJudge(
      ChatModel model,
      String judgeModel,
      ChatOptions options,
      StructuredOutput structured,
      boolean schemaFormat,
      JudgementCache cache) {
    this.model = model;
    this.judgeModel = judgeModel;
    this.options = options;
    this.structured = structured;
    this.schemaFormat = schemaFormat;
    this.cache = cache;
  }

  /** A judge using {@code model}. */
  public static LlmJudge of(ChatModel model) {
    return builder(model).build();
  }

  /** A builder for a judge using {@code model}. */
  public static Builder builder(ChatModel model) {
    return new Builder(model);
  }

  @Override
  public String id() {
    return ID;
  }

  /** The judge model's name, recorded in every grade and part of the cache key. */
  public String judgeModel() {
    return judgeModel;
  }

  /** A judge like this one whose judgements are also kept in {@code file} (JSON Lines). */
  LlmJudge withCacheFile(Path file) {
    return new LlmJudge(
        model, judgeModel, options, structured, schemaFormat, JudgementCache.onDisk(file));
  }

  @Override
  public Grade grade(EvalItem item, String response) {
    Objects.requireNonNull(item, "item");
    if (response == null || response.isBlank()) {
      return Grades.notAttempted(ID, judgeModel);
    }
    JudgementCache.Key key =
        JudgementCache.Key.of(item.id(), item.answer(), response, ID + ":" + judgeModel);
    return cache.get(key, () -> judge(item, response));
  }

  private JudgementCache.Judgement judge(EvalItem item, String response) {
    List<String> replies = Collections.synchronizedList(new ArrayList<>());
    ChatModel recording =
        new ChatModel() {
          @Override
          public ChatResponse chat(ChatRequest request) {
            ChatResponse reply = model.chat(request);
            replies.add(reply.text().isBlank() ? reply.message().reasoning() : reply.text());
            return reply;
          }

          @Override
          public ModelInfo info() {
            return model.info();
          }
        };
    ChatRequest request = JudgePrompt.request(item, response, options, schemaFormat);
    JudgePrompt.Verdict verdict;
    try {
      verdict = structured.ask(recording, request, JudgePrompt.Verdict.class).value();
    } catch (StructuredOutputException e) {
      Optional<JudgePrompt.Verdict> labelled = Optional.empty();
      for (int i = replies.size() - 1; i >= 0 && labelled.isEmpty(); i--) {
        labelled = JudgePrompt.fromLabelledText(replies.get(i));
      }
      if (labelled.isEmpty()) {
        return new JudgementCache.Judgement(
            Grades.error(ID, judgeModel, "judge reply unreadable: " + e.getMessage()),
            String.join("\n---\n", replies));
      }
      verdict = labelled.get();
    } catch (RuntimeException e) {
      return new JudgementCache.Judgement(
          Grades.error(
              ID,
              judgeModel,
              "judge failed: " + e.getClass().getSimpleName() + ": " + e.getMessage()),
          String.join("\n---\n", replies));
    }
    String raw = replies.isEmpty() ? "" : replies.get(replies.size() - 1);
    Optional<Boolean> correct = JudgePrompt.yesNo(verdict.correct());
    if (correct.isEmpty()) {
      return new JudgementCache.Judgement(
          Grades.error(
              ID, judgeModel, "judge verdict is neither yes nor no: correct=" + verdict.correct()),
          raw);
    }
    String extracted = verdict.extractedFinalAnswer() == null ? "" : verdict.extractedFinalAnswer();
    String reasoning = verdict.reasoning() == null ? "" : verdict.reasoning();
    Grade grade =
        Grades.decided(
            ID,
            judgeModel,
            correct.get(),
            extracted.strip().equalsIgnoreCase("none") ? "" : extracted.strip(),
            reasoning.strip(),
            AnswerText.parseConfidence(verdict.confidence()));
    return new JudgementCache.Judgement(grade, raw);
  }

  @Override
  public String toString() {
    return ID + "{judgeModel=" + judgeModel + "}";
  }

  /** Builds an {@link LlmJudge}. Not thread-safe. */
  public static final class Builder {
    private final ChatModel model;
    private String judgeModel;
    private ChatOptions options = ChatOptions.NONE;
    private int maxReasks = StructuredOutput.DEFAULT_MAX_REASKS;
    private boolean schemaFormat = true;

    private Builder(ChatModel model) {
      this.model = Objects.requireNonNull(model, "model is required, but was null");
      String name = model.info().model();
      this.judgeModel = name.isBlank() ? "unknown" : name;
    }

    /** The judge model's name for grades and cache keys; default: the model's {@code info()}. */
    public Builder judgeModel(String judgeModel) {
      Objects.requireNonNull(judgeModel, "judgeModel is required, but was null");
      if (judgeModel.isBlank()) {
        throw new IllegalArgumentException("judgeModel is required, but was blank");
      }
      this.judgeModel = judgeModel;
      return this;
    }

    /** Sampling options for the judge's calls; default {@link ChatOptions#NONE}. */
    public Builder options(ChatOptions options) {
      this.options = Objects.requireNonNull(options, "options is required, but was null");
      return this;
    }

    /**
     * How often the judge is asked again after an unreadable reply; default {@value
     * StructuredOutput#DEFAULT_MAX_REASKS}.
     */
    public Builder maxReasks(int maxReasks) {
      if (maxReasks < 0) {
        throw new IllegalArgumentException("maxReasks must be >= 0, but was " + maxReasks);
      }
      this.maxReasks = maxReasks;
      return this;
    }

    /**
     * Whether the request asks for a JSON Schema response format; default {@code true}. Turn it off
     * for servers that reject {@code response_format}: the prompt asks for JSON anyway.
     */
    public Builder schemaFormat(boolean schemaFormat) {
      this.schemaFormat = schemaFormat;
      return this;
    }

    /** Builds the judge, with an in-memory cache of its own. */
    public LlmJudge build() {
      return new LlmJudge(
          model,
          judgeModel,
          options,
          StructuredOutput.withMaxReasks(maxReasks),
          schemaFormat,
          JudgementCache.inMemory());
    }
  }
}
