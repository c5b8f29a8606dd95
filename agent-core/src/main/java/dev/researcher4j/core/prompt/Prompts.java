package dev.researcher4j.core.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The texts a {@link dev.researcher4j.core.ResearchAgent} sends to its model. The defaults are
 * resources under {@code dev/researcher4j/core/prompt/} in the agent-core jar; replace any of them
 * with {@link #toBuilder()}.
 *
 * <p>Templates use {@code {{name}}} for variables and {@code {{#name}}…{{/name}}} for sections kept
 * only when the variable is not blank. The variables each template receives are listed on its
 * accessor. A replacement system prompt must still ask for the final-answer shape the agent parses:
 * a line starting with {@code Answer:} followed by the Markdown report citing ids like {@code
 * [S3]}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Prompts {

  private static final Prompts DEFAULTS =
      new Prompts(
          resource("system.md"),
          resource("task.md"),
          resource("plan.md"),
          resource("budget-warning.md"),
          resource("final-answer.md"),
          resource("verification-feedback.md"),
          resource("verifier.md"),
          resource("summary.md"),
          resource("structured-answer.md"));

  private final String system;
  private final String task;
  private final String plan;
  private final String budgetWarning;
  private final String finalAnswer;
  private final String verificationFeedback;
  private final String verifier;
  private final String summary;
  private final String structuredAnswer;

  private Prompts(
      String system,
      String task,
      String plan,
      String budgetWarning,
      String finalAnswer,
      String verificationFeedback,
      String verifier,
      String summary,
      String structuredAnswer) {
    this.system = system;
    this.task = task;
    this.plan = plan;
    this.budgetWarning = budgetWarning;
    this.finalAnswer = finalAnswer;
    this.verificationFeedback = verificationFeedback;
    this.verifier = verifier;
    this.summary = summary;
    this.structuredAnswer = structuredAnswer;
  }

  /** The prompts shipped with researcher4j. */
  public static Prompts defaults() {
    return DEFAULTS;
  }

  /** A builder starting from these prompts. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The system prompt of the research conversation. Variables: {@code date} (today, from the
   * agent's clock, e.g. {@code 2026-11-29 (Sunday)}), {@code output_format} (the task's, or empty).
   */
  public String system() {
    return system;
  }

  /**
   * The first user message. Variables: {@code question}, {@code instructions}, {@code
   * output_format}, {@code plan} (the research plan as text, empty when planning is off or failed).
   */
  public String task() {
    return task;
  }

  /** Asks for the research plan (sent after the task). No variables. */
  public String plan() {
    return plan;
  }

  /**
   * Tells the model a budget is nearly spent. Variables: {@code budget} (e.g. {@code steps}),
   * {@code percent} (how much is used).
   */
  public String budgetWarning() {
    return budgetWarning;
  }

  /** Asks for the final answer when a budget is spent. Variables: {@code budget}. */
  public String finalAnswer() {
    return finalAnswer;
  }

  /**
   * Sends a draft back after verification found problems. Variables: {@code problems} (a numbered
   * list of the claims and what is wrong with them).
   */
  public String verificationFeedback() {
    return verificationFeedback;
  }

  /**
   * The system prompt of the default {@link dev.researcher4j.core.verify.ModelVerifier}. No
   * variables.
   */
  public String verifier() {
    return verifier;
  }

  /** Asks for notes summarising older research, for the summarising context policy. */
  public String summary() {
    return summary;
  }

  /**
   * Asks for the final answer as JSON with the sources of each field, when the task has an output
   * schema; sent after the task. Variables: {@code schema} (the task's schema, with the {@code
   * _sources} members it allows).
   */
  public String structuredAnswer() {
    return structuredAnswer;
  }

  private static String resource(String name) {
    try (InputStream in = Prompts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "prompt resource missing from the jar: "
                + Prompts.class.getPackageName().replace('.', '/')
                + "/"
                + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt resource " + name, e);
    }
  }

  /** Builds {@link Prompts}; every setter rejects blank text. Not thread-safe. */
  public static final class Builder {
    private String system;
    private String task;
    private String plan;
    private String budgetWarning;
    private String finalAnswer;
    private String verificationFeedback;
    private String verifier;
    private String summary;
    private String structuredAnswer;

    private Builder(Prompts base) {
      this.system = base.system;
      this.task = base.task;
      this.plan = base.plan;
      this.budgetWarning = base.budgetWarning;
      this.finalAnswer = base.finalAnswer;
      this.verificationFeedback = base.verificationFeedback;
      this.verifier = base.verifier;
      this.summary = base.summary;
      this.structuredAnswer = base.structuredAnswer;
    }

    /** Replaces the system prompt; see {@link Prompts#system()}. */
    public Builder system(String text) {
      this.system = text(text, "system");
      return this;
    }

    /** Replaces the task message template; see {@link Prompts#task()}. */
    public Builder task(String text) {
      this.task = text(text, "task");
      return this;
    }

    /** Replaces the planning request; see {@link Prompts#plan()}. */
    public Builder plan(String text) {
      this.plan = text(text, "plan");
      return this;
    }

    /** Replaces the budget warning; see {@link Prompts#budgetWarning()}. */
    public Builder budgetWarning(String text) {
      this.budgetWarning = text(text, "budgetWarning");
      return this;
    }

    /** Replaces the forced final-answer request; see {@link Prompts#finalAnswer()}. */
    public Builder finalAnswer(String text) {
      this.finalAnswer = text(text, "finalAnswer");
      return this;
    }

    /** Replaces the verification feedback; see {@link Prompts#verificationFeedback()}. */
    public Builder verificationFeedback(String text) {
      this.verificationFeedback = text(text, "verificationFeedback");
      return this;
    }

    /** Replaces the verifier's system prompt; see {@link Prompts#verifier()}. */
    public Builder verifier(String text) {
      this.verifier = text(text, "verifier");
      return this;
    }

    /** Replaces the summary request; see {@link Prompts#summary()}. */
    public Builder summary(String text) {
      this.summary = text(text, "summary");
      return this;
    }

    /** Replaces the request for a typed answer; see {@link Prompts#structuredAnswer()}. */
    public Builder structuredAnswer(String text) {
      this.structuredAnswer = text(text, "structuredAnswer");
      return this;
    }

    /** Builds the prompts. */
    public Prompts build() {
      return new Prompts(
          system,
          task,
          plan,
          budgetWarning,
          finalAnswer,
          verificationFeedback,
          verifier,
          summary,
          structuredAnswer);
    }

    private static String text(String value, String name) {
      Objects.requireNonNull(value, () -> name + " is required, but was null");
      if (value.isBlank()) {
        throw new IllegalArgumentException(name + " prompt must not be blank");
      }
      return value;
    }
  }
}
