package dev.researcher4j.core.internal.report;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.ChatModel;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.trajectory.TrajectorySink;
import dev.researcher4j.core.verify.VerificationPolicy;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Everything a long report needs from its {@code LongReport}; immutable, shared by its reports.
 *
 * @param researcher the agent researching each section (a sub-run per section)
 * @param model the model writing the outline, the sections and the assembly
 * @param words the length target, in words
 * @param sections how many sections
 * @param parallel most sections researched at once
 * @param budget the whole report's budget, sections and reserve together
 * @param reserve the share of the budget kept for the outline, assembly and its verification
 * @param verification how the sections' and the summary's claims are checked
 * @param listener the listeners, made safe
 * @param sinks where the report's own trajectory goes
 * @param executor runs the sections and the report's model calls
 * @param clock the clock
 * @param secrets values masked in everything the report records
 * @param sdkVersion recorded in the header
 */
public record ReportSettings(
    ResearchAgent researcher,
    ChatModel model,
    int words,
    int sections,
    int parallel,
    Budget budget,
    double reserve,
    VerificationPolicy verification,
    AgentListener listener,
    List<TrajectorySink> sinks,
    Executor executor,
    Clock clock,
    List<String> secrets,
    String sdkVersion) {

  /** Copies the lists. */
  public ReportSettings {
    sinks = List.copyOf(sinks);
    secrets = List.copyOf(secrets);
  }
}
