package dev.researcher4j.core.internal.loop;

import dev.researcher4j.core.json.Description;
import java.util.List;

/**
 * The plan the model drafts before researching, as structured output.
 *
 * @param subQuestions the sub-questions
 * @param evidenceNeeded what would settle them
 * @param firstSearches the first queries
 */
public record ResearchPlan(
    @Description("the sub-questions that together answer the research question")
        List<String> subQuestions,
    @Description("what evidence would settle them, and which sources are most authoritative")
        List<String> evidenceNeeded,
    @Description("the first search queries to run") List<String> firstSearches) {

  /** The plan as text for the conversation. */
  public String render() {
    StringBuilder text = new StringBuilder();
    section(text, "Sub-questions", subQuestions, true);
    section(text, "Evidence that would settle them", evidenceNeeded, false);
    section(text, "First searches", firstSearches, false);
    return text.toString().strip();
  }

  /** How many sub-questions there are. */
  public int size() {
    return subQuestions == null ? 0 : subQuestions.size();
  }

  private static void section(
      StringBuilder text, String title, List<String> items, boolean numbered) {
    if (items == null || items.isEmpty()) {
      return;
    }
    text.append(title).append(":\n");
    int n = 1;
    for (String item : items) {
      if (item != null && !item.isBlank()) {
        text.append(numbered ? (n++) + ". " : "- ").append(item.strip()).append('\n');
      }
    }
    text.append('\n');
  }
}
