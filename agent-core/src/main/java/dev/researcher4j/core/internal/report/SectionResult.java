package dev.researcher4j.core.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Source;
import dev.researcher4j.core.internal.trajectory.JsonReading;
import dev.researcher4j.core.internal.trajectory.JsonWriting;
import java.util.List;

/**
 * A finished section: its text (claims checked, unsupported ones flagged in place), the run that
 * researched it, the sources it cites, and what a reader must know about it. Recorded in the data
 * of the section's step, so that a resumed report keeps it.
 *
 * @param section the section as planned
 * @param text its Markdown, without heading
 * @param words its prose words
 * @param childRunId the run that researched it, or empty
 * @param childLocation where that run's trajectory is kept, or empty
 * @param sources the sources it cites, with the excerpts the run saw
 * @param citations each cited claim with what verification found
 * @param unsupported how many of its claims are flagged as unsupported
 * @param unverified how many of its claims nobody could check
 * @param uncited how many of its paragraphs cite nothing (flagged)
 * @param note what a reader must know (its budget ran out, its writer failed), or empty
 */
record SectionResult(
    Outline.Section section,
    String text,
    int words,
    String childRunId,
    String childLocation,
    List<Source> sources,
    List<Citation> citations,
    int unsupported,
    int unverified,
    int uncited,
    String note) {

  SectionResult {
    sources = List.copyOf(sources);
    citations = List.copyOf(citations);
  }

  /** What the section's step records about it. */
  JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("section", section.index());
    node.put("title", section.title());
    node.put("planned_words", section.words());
    node.put("words", words);
    node.put("text", text);
    node.put("child_run_id", childRunId);
    node.put("child_trajectory", childLocation);
    node.put("unsupported", unsupported);
    node.put("unverified", unverified);
    node.put("uncited_paragraphs", uncited);
    node.put("note", note);
    node.set("sources", JsonWriting.array(sources, JsonWriting::source));
    node.set("citations", JsonWriting.array(citations, JsonWriting::citation));
    return node;
  }

  /** The section recorded by {@link #toJson()}, for the section {@code section} of the outline. */
  static SectionResult fromJson(JsonNode node, Outline.Section section) {
    return new SectionResult(
        section,
        node.path("text").asText(),
        node.path("words").asInt(),
        node.path("child_run_id").asText(),
        node.path("child_trajectory").asText(),
        JsonReading.list(node.get("sources"), JsonReading::readSource),
        JsonReading.list(node.get("citations"), JsonReading::readCitation),
        node.path("unsupported").asInt(),
        node.path("unverified").asInt(),
        node.path("uncited_paragraphs").asInt(),
        node.path("note").asText());
  }
}
